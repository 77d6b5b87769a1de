// Shared by the browser tests: Debian's chromium driven by playwright-core, logging in through
// the gateway and Keycloak's own form, screenshots into target/screenshots/.
import { chromium } from 'playwright-core'
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { strFromU8, unzipSync } from 'fflate'
import { nextCode, oneLoginAtATime, secretOf } from './otp.mjs'

export const BASE_URL = (process.env.PORTAL_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
export const PASSWORD = process.env.PORTAL_PASSWORD || 'demo'
export const SCREENSHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url))
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** A fresh browser profile each time: no cookies or storage from an earlier run. */
export async function openBrowser({ width = 1366, height = 768, locale = 'zh-CN' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'kaohe-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width, height },
    locale,
    // The offices keep China time; due dates are shown in the browser's zone.
    timezoneId: process.env.PORTAL_TIMEZONE || 'Asia/Shanghai',
  })
  context.setDefaultTimeout(30_000)
  const page = context.pages()[0] || await context.newPage()
  const problems = watchConsole(page)
  const requests = watchRequests(page)
  return {
    context,
    page,
    problems,
    inFlight: requests.inFlight,
    pending: requests.pending,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * The requests the page has sent and not yet had answered, to name what a page that "kept loading" waited for: each
 * as "METHOD url (n s)".
 */
function watchRequests(page) {
  const open = new Map()
  const sent = []
  page.on('request', (request) => {
    open.set(request, Date.now())
    sent.push({ at: Date.now(), what: `${request.method()} ${request.url().replace(/\?.*/, '')}` })
    if (sent.length > 500) sent.shift()
  })
  const done = (request) => {
    const since = open.get(request)
    open.delete(request)
    if (since !== undefined && Date.now() - since >= SLOW_REQUEST_MS) console.error(slowRequest(request, Date.now() - since, since))
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  return {
    /** How many requests are unanswered, leaving out those whose URL {@code ignored} matches. */
    pending: (ignored) => [...open.keys()].filter((request) => !ignored.test(request.url())).length,
    inFlight: () => {
      const unanswered = [...open].map(([request, since]) =>
        `${request.method()} ${request.url()} (${Math.round((Date.now() - since) / 1000)} s)`)
      // A page that polls faster than every half second never goes idle either: what it sent in the last minute.
      const counts = {}
      for (const { at, what } of sent) if (Date.now() - at < 60_000) counts[what] = (counts[what] || 0) + 1
      const busiest = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([what, n]) => `${what} ×${n}`)
      return [...unanswered, `sent in the last minute: ${busiest.join(', ') || 'nothing'}`]
    },
  }
}

/** A request answered this long after it was sent is written to stderr with where its time went. */
const SLOW_REQUEST_MS = 5000

/**
 * "slow in the browser: GET url 31200 ms — queued 30900 ms, connect 2 ms, waited for the answer 250 ms, read 48 ms":
 * the browser's own timing says whether the time went before the request left (the browser's queue, the connection)
 * or at the server (which logs its own slow requests: the gateway's and each service's "slow request" lines).
 */
function slowRequest(request, took, since) {
  const t = request.timing()
  // Playwright's timings are milliseconds after startTime, -1 when the phase did not happen (e.g. never sent).
  const span = (from, to) => (from >= 0 && to >= 0 ? `${Math.round(to - from)} ms` : 'unknown')
  return `slow in the browser: ${request.method()} ${request.url()} ${took} ms${request.failure() ? ` (failed: ${request.failure().errorText})` : ''} `
    + `— queued ${span(0, t.requestStart)}, connect ${span(t.connectStart, t.connectEnd)}, `
    + `waited for the answer ${span(t.requestStart, t.responseStart)}, read ${span(t.responseStart, t.responseEnd)} `
    + `(sent at ${new Date(t.startTime > 0 ? t.startTime : since).toISOString()})`
}

/** Console errors and uncaught exceptions of the portal's own pages (not Keycloak's). */
function watchConsole(page) {
  const problems = []
  const ours = () => page.url().startsWith(BASE_URL)
  page.on('console', (message) => {
    if (message.type() === 'error' && ours()) {
      problems.push(`console: ${message.text()} (${message.location().url || page.url()})`)
    }
  })
  page.on('pageerror', (error) => {
    if (ours()) problems.push(`page error: ${error.message}`)
  })
  return {
    list: problems,
    // Until the login is done the first GET /api/me answers 401, which Chromium logs: not a fault.
    reset: () => problems.splice(0, problems.length),
    // Chromium logs every refused fetch; a refusal the test provoked on purpose is not a fault.
    forgive(pattern) {
      for (let i = problems.length - 1; i >= 0; i--) {
        if (pattern.test(problems[i])) problems.splice(i, 1)
      }
    },
  }
}

/**
 * Opens the portal and logs in with Keycloak's form, as a person does: the office, the leader and
 * the administrators then give the one-time code of their authenticator (computed from the realm's
 * demo secret). A code that another run just used is refused once; the next one is tried.
 */
export async function logIn(page, username, password = PASSWORD) {
  await page.goto(BASE_URL + '/')
  await page.waitForSelector('#username', { timeout: 60_000 })
  await oneLoginAtATime(username, () => submitLogin(page, username, password))
  await page.waitForSelector('[data-test="who"]', { timeout: 60_000 })
  // The router's first navigation done (the shell names its route): until then it listens to no
  // address change, and finishing it would put its own address back over a page.goto('#/…').
  await page.waitForSelector('main[data-route]', { timeout: 60_000 })
}

/** Keycloak's form from the password to the portal: one login of the user at a time across the test processes. */
async function submitLogin(page, username, password) {
  // With brute-force protection on, Keycloak refuses a login while another login of the same user is under way (the
  // journeys and the Java tests log the same demo users in at once), as it refuses a wrong password: asked again after
  // 2, 4, … 32 s (never two failures within a second, which locks the account for a minute; past such a minute).
  for (let pause = 2; ; pause *= 2) {
    await page.fill('#username', username)
    await page.fill('#password', password)
    await page.click('#kc-login')
    const outcome = await first({
      on: secretOf(username)
        ? page.waitForSelector('#otp', { timeout: 60_000 })
        : page.waitForURL((url) => url.toString().startsWith(BASE_URL), { timeout: 60_000 }),
      refused: page.waitForSelector('#input-error', { timeout: 60_000 }),
    })
    if (outcome === 'on') break
    if (pause > 32) throw new Error(`Keycloak refused the password of ${username} six times`)
    await page.waitForTimeout(pause * 1000)
  }
  for (let attempt = 1; secretOf(username); attempt++) {
    await page.waitForSelector('#otp', { timeout: 60_000 })
    await page.fill('#otp', await nextCode(username))
    await page.click('#kc-login')
    const outcome = await first({
      in: page.waitForURL((url) => url.toString().startsWith(BASE_URL), { timeout: 60_000 }),
      refused: page.waitForSelector('#input-error-otp', { timeout: 60_000 }),
    })
    if (outcome === 'in') break
    if (attempt === 3) throw new Error(`Keycloak refused three one-time codes of ${username}`)
    // Failures less than a second apart would lock the account for a minute.
    await page.waitForTimeout(1500)
  }
  await page.waitForURL((url) => url.toString().startsWith(BASE_URL), { timeout: 60_000 })
}

/** The name of whichever promise resolves first; the others time out later, which is no failure. */
async function first(promises) {
  const entries = Object.entries(promises)
  entries.forEach(([, promise]) => promise.catch(() => {}))
  return Promise.race(entries.map(([name, promise]) => promise.then(() => name)))
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true })
  // A picture for the docs, not a check: a page whose network is not quiet within 30 s is taken as it is.
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(400) // let drawers, dropdowns and toasts finish their transitions
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false })
}

/** A write through the logged-in session, as the portal does it: the XSRF-TOKEN cookie in X-XSRF-TOKEN. */
export async function sessionPost(context, path, body) {
  await context.request.get(BASE_URL + '/api/me')
  const xsrf = (await context.cookies(BASE_URL)).find((c) => c.name === 'XSRF-TOKEN')
  return context.request.post(BASE_URL + path, {
    data: body,
    headers: { 'Content-Type': 'application/json', ...(xsrf ? { 'X-XSRF-TOKEN': decodeURIComponent(xsrf.value) } : {}) },
  })
}

/** Any write through the logged-in session (PUT, POST …), with the XSRF header. */
export async function sessionSend(context, method, path, body) {
  await context.request.get(BASE_URL + '/api/me')
  const xsrf = (await context.cookies(BASE_URL)).find((c) => c.name === 'XSRF-TOKEN')
  return context.request.fetch(BASE_URL + path, {
    method,
    data: body,
    headers: { 'Content-Type': 'application/json', ...(xsrf ? { 'X-XSRF-TOKEN': decodeURIComponent(xsrf.value) } : {}) },
  })
}

/**
 * Clicks an export link as the person would and reads the workbook it saves: its file name and the
 * text of its first sheet's cells (inline strings, or the shared strings they point to), in order.
 */
export async function downloadWorkbook(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)])
  const files = unzipSync(await readFile(await download.path()))
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => text(m[1]))
    : []
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
  const cells = [...sheet.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map(([, attributes, inner = '']) =>
    (/t="s"/.test(attributes) ? shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] ?? '' : text(inner)))
  return { name: download.suggestedFilename(), cells, text: cells.join('\t') }
}

const text = (xml) => [...xml.matchAll(/<(?:t|v)[^>]*>([^<]*)<\/(?:t|v)>/g)].map((m) => m[1]).join('')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')

/** Retries {@code attempt} (which answers a value or null) until it answers, for what arrives by Kafka. */
export async function eventually(attempt, { tries = 60, every = 1000, what = 'the condition' } = {}) {
  let last
  for (let i = 0; i < tries; i++) {
    last = await attempt()
    if (last) return last
    await new Promise((resolve) => setTimeout(resolve, every))
  }
  throw new Error(`${what} did not hold after ${tries} tries`)
}

/**
 * A value of the kind a rule's measure takes, for items the journey fills through the API; a
 * quantified rate's required count must be above 0 (its rule divides by it, and the page shows
 * scoring's refusal otherwise).
 */
export function sampleValue(kind, name) {
  if (name === 'required') return 1
  return { COUNT: 0, DECIMAL: 0, PERCENT: 100, BOOLEAN: true, TEXT: '已完成', ADJUSTMENTS: [] }[kind] ?? null
}
