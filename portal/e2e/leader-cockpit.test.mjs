// The leaders' cockpit (驾驶舱) on a cycle of its own driven through the real APIs up to the grade
// proposal (cycle-setup.mjs): the leader opens it from the menu on a 1920×1080 screen (three cards a
// row), sees the cycle's charts, saves the gaps as .xlsx and the grades as a picture; on a tablet the
// cards go two a row; the office imports an earlier year from its published 汇总表 (往年结果导入: the
// cycle's own export read back as that year) and the cockpit's across-years chart names it as imported;
// a unit's reporter has no menu entry, is sent away from the address, and the API refuses it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'
import { SJW, ZJFY, expect, token } from './cycle-setup.mjs'
import { preparedCycle } from './prepared.mjs'

/** The earlier year imported: fixed, so that a run again replaces it (a year the platform never ran). */
const PAST = 2019

const CARDS = ['progress', 'distribution', 'grades', 'gaps', 'reasons', 'sources', 'rectifications', 'category-history', 'unit-history']

/** The top edge of each card, in the page's order. */
const tops = (page, cycleId) => Promise.all(CARDS.map(async (c) => Math.round(
  (await page.locator(`[data-test="cockpit-${cycleId}-${c}"]`).boundingBox()).y)))

describe('the leader reads the cycle on the cockpit', () => {
  let cycle
  let leader
  let tablet
  let unit
  let office

  before(async () => {
    cycle = await preparedCycle('leader-cockpit')
    await expect(201, 'office', 'POST', `/api/scoring/cycles/${cycle.cycleId}/grades/proposals`)
    leader = await openBrowser({ width: 1920, height: 1080 })
  })
  after(async () => {
    for (const b of [leader, tablet, unit, office]) await b?.close()
  })

  it('shows the leader every chart of the cycle, three a row on a large screen', async () => {
    const page = leader.page
    await logIn(page, 'leader')
    leader.problems.reset()
    await page.locator('nav.aside a[href="#/cockpit"]').click()
    await page.waitForURL(/#\/cockpit/)
    await page.locator('[data-test="cockpit-cycle"]').click()
    await page.locator('.el-select-dropdown__item', { hasText: cycle.cycleId }).click()
    await page.waitForURL(new RegExp(`cycle=${cycle.cycleId}`))
    for (const c of CARDS) await page.locator(`[data-test="cockpit-${cycle.cycleId}-${c}"] canvas`).waitFor()
    const y = await tops(page, cycle.cycleId)
    assert.equal(y[0], y[2], 'three cards in the first row')
    assert.ok(y[3] > y[0], 'the fourth starts the second row')
    await screenshot(page, 'cockpit')
    assert.deepEqual(leader.problems.list, [])
  })

  it('saves the gaps as .xlsx and the grades as a picture', async () => {
    const page = leader.page
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test="xlsx-${cycle.cycleId}-gaps"]`)])
    assert.equal(xlsx.suggestedFilename(), `${cycle.cycleId}-gaps.xlsx`)
    const sheet = strFromU8(unzipSync(await readFile(await xlsx.path()))['xl/worksheets/sheet1.xml'])
    // 市中级法院 gave itself 3 on 干部驻村帮扶工作 and was judged 1: the largest gap, in the workbook as numbers.
    const row = sheet.split('<row ').find((r) => r.includes('市中级法院'))
    assert.ok(row, `a row of 市中级法院 (${ZJFY}) in ${sheet}`)
    assert.match(row, /r="A2".*干部驻村帮扶工作.*<v>3<\/v>.*<v>1<\/v>.*<v>2<\/v>/)
    assert.match(sheet, /差距/)

    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test="picture-${cycle.cycleId}-grades"]`)])
    assert.equal(png.suggestedFilename(), `${cycle.cycleId}-grades.png`)
    const bytes = await readFile(await png.path())
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG')
    assert.ok(bytes.length > 2000, 'with something drawn')
    assert.deepEqual(leader.problems.list, [])
  })

  it('puts two cards a row on a tablet', async () => {
    tablet = await openBrowser({ width: 1024, height: 1366 })
    const page = tablet.page
    await logIn(page, 'leader')
    tablet.problems.reset()
    await page.goto(`${BASE_URL}/#/cockpit?cycle=${cycle.cycleId}`)
    for (const c of CARDS) await page.locator(`[data-test="cockpit-${cycle.cycleId}-${c}"] canvas`).waitFor()
    const y = await tops(page, cycle.cycleId)
    assert.equal(y[0], y[1], 'two cards in the first row')
    assert.ok(y[2] > y[0], 'the third starts the second row')
    const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(width <= 1, 'nothing wider than the screen')
    assert.deepEqual(tablet.problems.list, [])
  })

  it('lets the office import an earlier year’s published 汇总表, which the cockpit then shows as imported', async () => {
    const exported = await fetch(`${BASE_URL}/api/scoring/cycles/${cycle.cycleId}/results.xlsx`,
      { headers: { Authorization: `Bearer ${await token('office')}` } })
    assert.equal(exported.status, 200)
    const dir = await mkdtemp(join(tmpdir(), 'kaohe-past-years-'))
    const file = join(dir, `${PAST}年汇总表.xlsx`)
    await writeFile(file, Buffer.from(await exported.arrayBuffer()))

    office = await openBrowser({ width: 1920, height: 1080 })
    const page = office.page
    await logIn(page, 'office')
    office.problems.reset()
    await page.locator('nav.aside a[href="#/past-years"]').click()
    await page.waitForURL(/#\/past-years/)
    await page.locator('[data-test="past-years-file"]').setInputFiles(file)
    await page.locator('[data-test="past-years-year"]').locator('xpath=descendant-or-self::input').fill(String(PAST))
    const title = page.locator('[data-test="past-years-title-input"]').locator('xpath=descendant-or-self::input')
    assert.equal(await title.inputValue(), `${PAST}年度目标绩效考核`, 'the title follows the year')
    await page.locator('[data-test="past-years-preview"]').click()
    await page.locator('[data-test="past-years-preview-table"]').waitFor()
    const rows = await page.locator('[data-test="past-years-preview-table"] tbody tr').allTextContents()
    assert.ok(rows.some((r) => r.includes(SJW)) && rows.some((r) => r.includes(ZJFY)), `both units in the preview: ${rows}`)
    assert.match(await page.locator('[data-test="past-years-summary"]').textContent(), /0 行有问题/)
    await screenshot(page, 'past-years-preview')
    await page.locator('[data-test="past-years-commit"]').click()
    await page.locator('[data-test="past-years-committed"]').waitFor()
    await page.locator(`[data-test="past-years-delete-${PAST}"]`).waitFor()

    const view = await expect(200, 'leader', 'GET', `/api/scoring/cycles/${cycle.cycleId}/cockpit`)
    const years = view.unitHistory.find((u) => u.unitCode === SJW).years
    assert.ok(years.some((y) => y.year === PAST && y.source === 'IMPORTED' && y.cycleId === null), JSON.stringify(years))

    await page.goto(`${BASE_URL}/#/cockpit?cycle=${cycle.cycleId}`)
    await page.locator(`[data-test="cockpit-${cycle.cycleId}-category-history"] canvas`).waitFor()
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test="xlsx-${cycle.cycleId}-category-history"]`)])
    const sheet = strFromU8(unzipSync(await readFile(await xlsx.path()))['xl/worksheets/sheet1.xml'])
    assert.match(sheet, new RegExp(`${PAST}（往年导入）`))
    assert.deepEqual(office.problems.list, [])
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps a unit’s reporter out: no menu entry, the address refused, the API 403', async () => {
    unit = await openBrowser()
    const page = unit.page
    await logIn(page, 'reporter.sjw')
    unit.problems.reset()
    assert.equal(await page.locator('nav.aside a[href="#/cockpit"]').count(), 0)
    await page.goto(`${BASE_URL}/#/cockpit?cycle=${cycle.cycleId}`)
    await page.waitForURL(/#\/forbidden/)
    await expect(403, 'reporter.sjw', 'GET', `/api/scoring/cycles/${cycle.cycleId}/cockpit`)
    assert.equal(await page.locator('nav.aside a[href="#/past-years"]').count(), 0)
    await expect(403, 'reporter.sjw', 'GET', '/api/scoring/past-years')
    assert.deepEqual(unit.problems.list, [])
  })
})
