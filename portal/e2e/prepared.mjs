// The compressed years that three journeys start from run on the cycle's own clock (two and a half minutes each,
// mostly waiting for its timers). `npm run e2e` (run.mjs) drives them all at once, in one process, while the
// first journeys run, and each of those journeys takes its own from E2E_PREPARED_DIR; a journey run alone
// (node --test e2e/x.test.mjs) drives its year itself.
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { cycleAwaitingApproval, cycleAwaitingProposal, until } from './cycle-setup.mjs'

// Each cycle its own rubric code and cycle id, though all three start in the same millisecond.
const tag = (journey) => Date.now().toString(36) + journey.slice(0, 1) + journey.slice(-1)

/** Each prepared cycle by the journey that takes it. */
const CYCLES = {
  // Its units appeal in the browser during the publicity period: 60 working days are about 35 s on the
  // compressed clock (a year in 150 s), the platform's 5 would be 3 s.
  'leader-approval': () => cycleAwaitingApproval(tag('leader-approval'), { publicityDays: 60 }),
  'leader-cockpit': () => cycleAwaitingProposal(tag('leader-cockpit'), 'ck'),
  'office-yearend': () => cycleAwaitingProposal(tag('office-yearend'), 'oy'),
}
const WAIT = 600_000

/** The journey's cycle: the one prepared for this run, or a new one when the journey runs alone. */
export async function preparedCycle(journey) {
  const dir = process.env.E2E_PREPARED_DIR
  if (!dir) return CYCLES[journey]()
  return until(`the cycle prepared for ${journey} (${dir}/prepare.log)`, WAIT, async () => {
    const failed = await readFile(join(dir, `${journey}.failed`), 'utf8').catch(() => null)
    if (failed !== null) throw new Error(`preparing the cycle for ${journey} failed: ${failed}`)
    const ready = await readFile(join(dir, `${journey}.json`), 'utf8').catch(() => null)
    return ready && JSON.parse(ready)
  })
}

/** Drives every prepared cycle at once into {@code dir}: {journey}.json when ready, {journey}.failed when not. */
export async function prepareAll(dir, log) {
  await Promise.all(Object.entries(CYCLES).map(async ([journey, prepare]) => {
    const started = Date.now()
    try {
      const cycle = await prepare()
      // Written whole, then renamed: a journey never reads half a file.
      await writeFile(join(dir, `${journey}.tmp`), JSON.stringify(cycle))
      await rename(join(dir, `${journey}.tmp`), join(dir, `${journey}.json`))
      log(`${journey}: ${cycle.cycleId} in ${Math.round((Date.now() - started) / 1000)} s`)
    } catch (error) {
      await writeFile(join(dir, `${journey}.failed`), String(error?.stack || error))
      log(`${journey}: failed after ${Math.round((Date.now() - started) / 1000)} s: ${error?.stack || error}`)
    }
  }))
}
