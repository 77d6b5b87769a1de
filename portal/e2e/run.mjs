// npm run e2e (what deploy's PortalBrowserIT runs): every journey through node's test runner, E2E_CONCURRENCY files at a
// time (2 unless set) in the order below, the longest first, while this process drives the compressed years that three
// of them start from (prepared.mjs). One after another the journeys keep a two-core machine busy about 40% of the time
// (they wait on the cycles' clocks and the platform's events): two at a time take about 0.6–0.75 of the time. The
// preparing's account goes to prepare.log in E2E_PREPARED_DIR (a new directory under portal/target), not into node's
// report (TAP on stdout).
// `npm run e2e -- e2e/x.test.mjs …` runs only those files, in the order given.
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { run } from 'node:test'
import { tap } from 'node:test/reporters'
import { fileURLToPath } from 'node:url'
import { prepareAll } from './prepared.mjs'

// Longest first, so that the last ones to start are short; the journeys on prepared years after the ~160 s their
// cycles take. A journey missing here runs at the end.
const ORDER = [
  'every-page', 'inspection', 'bonus-survey', 'office-cycle', 'leader-approval', 'office-yearend', 'leader-cockpit',
  'notifications', 'self-assessment', 'resumable-upload', 'decision-import', 'office-roster', 'unit-inbox',
  'office-rubrics', 'auditor', 'otp',
]

const e2e = fileURLToPath(new URL('.', import.meta.url))
const target = fileURLToPath(new URL('../target/', import.meta.url))
mkdirSync(target, { recursive: true })
const dir = mkdtempSync(join(target, 'e2e-prepared-'))
process.env.E2E_PREPARED_DIR = dir
const log = (line) => appendFileSync(join(dir, 'prepare.log'), `${new Date().toISOString()} ${line}\n`)

const named = process.argv.slice(2).map((file) => resolve(file))
const all = readdirSync(e2e).filter((file) => file.endsWith('.test.mjs'))
const rank = (file) => {
  const i = ORDER.indexOf(file.replace(/\.test\.mjs$/, ''))
  return i < 0 ? ORDER.length : i
}
const files = named.length ? named : all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(e2e, f))
const needsPrepared = files.some((file) => /(leader-approval|leader-cockpit|office-yearend)\.test\.mjs$/.test(file))

if (needsPrepared) {
  log('preparing')
  prepareAll(dir, log).then(() => log('prepared'))
}
let failed = false
const stream = run({ files, concurrency: Number(process.env.E2E_CONCURRENCY || 2) })
stream.on('test:fail', () => { failed = true })
stream.compose(tap).pipe(process.stdout)
stream.on('end', () => {
  // The prepared years' promises and the browsers' handles are done with: leave now.
  process.exitCode = failed ? 1 : 0
  setTimeout(() => process.exit(process.exitCode), 1000)
})
