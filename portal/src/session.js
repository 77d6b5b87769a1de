import { reactive } from 'vue'
import { readCookie, XSRF_COOKIE } from './api/http.js'
import { fetchMe } from './api/me.js'

// Who is logged in, as the gateway's session says (GET /api/me). Nothing of the login is kept
// in the page but this description; the session cookie is the gateway's (HttpOnly).
export const session = reactive({
  me: null,
  redirecting: false,
})

export const LOGIN_PATH = '/oauth2/authorization/keycloak'
const RETURN_KEY = 'kaohe.returnTo'

export const ROLES = ['office-admin', 'unit-reporter', 'unit-head', 'dept-reviewer', 'inspector', 'leader']

/** Loads the user; a 401 sends the browser to Keycloak's login (via the API helper's onUnauthorized). */
export async function loadMe() {
  session.me = await fetchMe()
  return session.me
}

export function hasAnyRole(me, roles) {
  if (!roles || roles.length === 0) {
    return true
  }
  const mine = (me && me.roles) || []
  return roles.some((r) => mine.includes(r))
}

/** To Keycloak, coming back to the page the person was on (the gateway itself returns to "/"). */
export function login(location = window.location) {
  if (session.redirecting) {
    return
  }
  session.redirecting = true
  try {
    if (location.hash && location.hash !== '#/') {
      sessionStorage.setItem(RETURN_KEY, location.hash)
    }
  } catch {
    // not remembered: the person lands on the start page
  }
  location.assign(LOGIN_PATH)
}

/** The page to go back to after a login, once; null if none. */
export function takeReturnTo() {
  try {
    const hash = sessionStorage.getItem(RETURN_KEY)
    sessionStorage.removeItem(RETURN_KEY)
    return hash && hash.startsWith('#/') ? hash.slice(1) : null
  } catch {
    return null
  }
}

/**
 * Logs out the way Spring Security expects: a real form POST to /logout carrying the CSRF token,
 * so the browser follows the redirect to Keycloak's end-session page and back.
 */
export function logout(doc = document) {
  const form = doc.createElement('form')
  form.method = 'post'
  form.action = '/logout'
  form.style.display = 'none'
  const token = readCookie(XSRF_COOKIE, doc.cookie)
  if (token) {
    const input = doc.createElement('input')
    input.type = 'hidden'
    input.name = '_csrf'
    input.value = token
    form.appendChild(input)
  }
  doc.body.appendChild(form)
  form.submit()
}
