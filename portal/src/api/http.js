// The one way the portal talks to the gateway. The browser's session cookie authenticates
// (the gateway relays its token to the services); writes carry the XSRF-TOKEN cookie's value in
// X-XSRF-TOKEN; every request asks for the UI's language, in which the services word their
// RFC 9457 problem details. No token is ever kept in the page.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])
export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'

const settings = {
  fetch: (...args) => globalThis.fetch(...args),
  cookies: () => (typeof document === 'undefined' ? '' : document.cookie),
  language: () => 'zh-CN',
  onUnauthorized: () => {},
  // A GET that makes the gateway issue the XSRF-TOKEN cookie when a write finds none yet.
  xsrfPrimer: '/api/me',
}

/** Replaces the environment: fetch, cookie source, language, what to do on 401. */
export function configureApi(options) {
  Object.assign(settings, options)
}

/** A cookie's value from a document.cookie-style string, or null. */
export function readCookie(name, cookieString) {
  for (const part of (cookieString || '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      try {
        return decodeURIComponent(value)
      } catch {
        return value
      }
    }
  }
  return null
}

/**
 * A refused or failed request. {@code detail} and {@code errors} are already in the UI's
 * language when a service answered with a problem; {@code kind} says what happened otherwise.
 */
export class ApiError extends Error {
  constructor(status, problem = {}, kind = 'problem') {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.kind = kind // 'problem' | 'http' | 'network' | 'csrf' | 'unauthorized'
    this.title = problem.title ?? null
    this.detail = problem.detail ?? null
    this.code = problem.code ?? null
    this.errors = normalizeErrors(problem.errors)
    this.problem = problem
  }

  /** Messages for one field: errors at {@code field}, or inside it ("terms[0].label" is inside "terms"). */
  errorsAt(field) {
    return errorsAt(this.errors, field)
  }

  /** Errors not at any of {@code fields} (to list them where there is no field for them). */
  errorsOutside(fields) {
    return this.errors.filter((e) => !fields.some((f) => isAt(e.location, f)))
  }
}

function normalizeErrors(errors) {
  if (!Array.isArray(errors)) {
    return []
  }
  return errors
    .filter((e) => e && (e.message != null || e.location != null))
    .map((e) => ({ location: e.location == null ? '' : String(e.location), message: e.message == null ? '' : String(e.message) }))
}

function isAt(location, field) {
  return location === field || location.startsWith(field + '.') || location.startsWith(field + '[')
}

/** The messages of {@code errors} located at or inside {@code field}, joined for a form item. */
export function errorsAt(errors, field) {
  return (errors || []).filter((e) => isAt(e.location, field)).map((e) => e.message)
}

/** Turns a response that is not ok into an ApiError, reading a problem detail when there is one. */
export async function toApiError(response, method = 'GET') {
  const type = response.headers.get('content-type') || ''
  let body = null
  const text = await response.text().catch(() => '')
  if (type.includes('json') && text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = null
    }
  }
  if (body && typeof body === 'object' && !Array.isArray(body) && (body.title || body.detail || body.code)) {
    return new ApiError(response.status, body, response.status === 401 ? 'unauthorized' : 'problem')
  }
  if (response.status === 401) {
    return new ApiError(401, {}, 'unauthorized')
  }
  // Spring Security's CSRF refusal is a bare 403 without a problem body.
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    return new ApiError(403, {}, 'csrf')
  }
  return new ApiError(response.status, {}, 'http')
}

async function xsrfToken() {
  let token = readCookie(XSRF_COOKIE, settings.cookies())
  if (!token && settings.xsrfPrimer) {
    await settings.fetch(settings.xsrfPrimer, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
      .catch(() => null)
    token = readCookie(XSRF_COOKIE, settings.cookies())
  }
  return token
}

/**
 * Calls the gateway. {@code body}: a plain object or array is sent as JSON; FormData, Blob and
 * strings as they are. Resolves to the parsed JSON (or text, or null for 204); rejects with an
 * ApiError.
 */
export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  method = method.toUpperCase()
  const request = {
    method,
    credentials: 'same-origin',
    // Past the browser's HTTP cache (the answers are no-store anyway): Chrome holds a request while another one of
    // the same URL has the URL's cache entry (a lock it gives up after 20 s) — a browser journey saw the bell's count
    // queued 20,002 ms before it left, then answered in 10 ms.
    cache: 'no-store',
    signal,
    headers: {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': settings.language(),
      ...headers,
    },
  }
  if (body !== undefined && body !== null) {
    const raw = typeof body === 'string' || body instanceof Blob || (typeof FormData !== 'undefined' && body instanceof FormData)
    request.body = raw ? body : JSON.stringify(body)
    if (!raw && !request.headers['Content-Type']) {
      request.headers['Content-Type'] = 'application/json'
    }
  }
  if (!SAFE_METHODS.has(method)) {
    const token = await xsrfToken()
    if (token) {
      request.headers[XSRF_HEADER] = token
    }
  }
  let response
  try {
    response = await settings.fetch(path, request)
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e
    }
    throw new ApiError(0, { detail: e && e.message }, 'network')
  }
  if (!response.ok) {
    const error = await toApiError(response, method)
    if (error.status === 401) {
      settings.onUnauthorized(error)
    }
    throw error
  }
  if (response.status === 204) {
    return null
  }
  const type = response.headers.get('content-type') || ''
  return type.includes('json') ? response.json() : response.text()
}

export const get = (path, options) => api(path, { ...options, method: 'GET' })
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body })
export const put = (path, body, options) => api(path, { ...options, method: 'PUT', body })
export const del = (path, options) => api(path, { ...options, method: 'DELETE' })

/**
 * Sends a raw body (or a multipart FormData) with progress and resolves to the API's JSON answer; rejects with an ApiError
 * worded by the service. XMLHttpRequest because fetch() reports no upload progress.
 */
export function sendRaw({ method, url, body, language, onProgress, xhr = new XMLHttpRequest() }) {
  return new Promise((resolve, reject) => {
    xhr.open(method, url)
    // A FormData body (a workbook upload) sets its own multipart Content-Type with the boundary.
    const form = typeof FormData !== 'undefined' && body instanceof FormData
    if (!form) xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.setRequestHeader('Accept-Language', language || settings.language())
    const token = readCookie(XSRF_COOKIE, settings.cookies())
    if (token) xhr.setRequestHeader(XSRF_HEADER, token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, { detail: null }, 'network'))
    xhr.onabort = () => reject(new ApiError(0, { detail: null }, 'network'))
    xhr.onload = async () => {
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') || '' })
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null)
      } else {
        reject(await toApiError(new Response(xhr.responseText || null, { status: xhr.status, headers }), method))
      }
    }
    xhr.send(body)
  })
}

/** A query string from {key: value} ('' and null left out; an array as the key repeated), with its "?". */
export function query(params = {}) {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') q.append(key, String(v))
    }
  }
  const text = q.toString()
  return text ? '?' + text : ''
}

/** A path segment: an id or code as it goes into a URL. */
export const seg = (value) => encodeURIComponent(value)
