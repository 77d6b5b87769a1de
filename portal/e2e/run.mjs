// npm run e2e:prepared: the journeys one file at a time (node --test), while this process prepares the compressed years
// that three of them start from (prepared.mjs). Its account goes to prepare.log beside them (E2E_PREPARED_DIR,
// a new directory under portal/target), not into node's report. Not what deploy's PortalBrowserIT runs (npm run e2e):
// in the full verify the office's inbox once kept loading for 60 s in every-page while the three years were driven.
import { spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareAll } from './prepared.mjs'

const target = fileURLToPath(new URL('../target/', import.meta.url))
mkdirSync(target, { recursive: true })
const dir = mkdtempSync(join(target, 'e2e-prepared-'))
const log = (line) => appendFileSync(join(dir, 'prepare.log'), `${new Date().toISOString()} ${line}\n`)

const journeys = spawn(process.execPath, ['--test', '--test-concurrency=1', ...process.argv.slice(2), 'e2e/'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
  env: { ...process.env, E2E_PREPARED_DIR: dir },
})
const finished = new Promise((resolve) => journeys.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
log('preparing')
prepareAll(dir, log).then(() => log('prepared'))
process.exit(await finished)
