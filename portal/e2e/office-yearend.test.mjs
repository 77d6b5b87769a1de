// The office's year end, on a cycle of its own driven through the real APIs (cycle-setup.mjs) up to
// the office's grade proposal: in the browser the office opens the proposal from the inbox, sees
// the units' totals and the grades the scheme gives, is refused a quota on the worst grade at its
// field, raises the 一般 band so 市中级法院 falls to 较差, and proposes; a leader returns 市中级法院
// (API) and the office, proposing again, sees why; the leader approves (API); the office publishes (通报) with a title, told at the field that one is needed; 市纪委's reporter
// opens its own score sheet (chart, deductions) and downloads it as .xlsx; the office records the
// talk (约谈) with the 较差 unit. Screenshots at 1366x768 and 768x1024.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { BASE_URL, openBrowser, logIn, screenshot, downloadWorkbook } from './browser.mjs'
import { SJW, ZJFY, api, expect, until, awaitTask } from './cycle-setup.mjs'
import { preparedCycle } from './prepared.mjs'

const TABLET = { width: 768, height: 1024 }
const DESKTOP = { width: 1366, height: 768 }
const RETURN_REASON = '审核分与自评分差距过大，请复核后重新计分'

/** Clicks an Element Plus select and picks the visible option with exactly this text. */
async function choose(page, select, text) {
  await page.locator(select).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).click()
}

/** Whether the page fits the viewport's width (tables scroll inside themselves). */
const fitsWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
/** The page at a tablet's width: nothing wider than the screen, and a screenshot; then the desktop's width again. */
async function onTablet(page, what, name) {
  await page.setViewportSize(TABLET)
  assert.ok(await fitsWidth(page), `${what} fits a tablet`)
  await screenshot(page, `${name}-tablet`)
  await page.setViewportSize(DESKTOP)
}

/** Opens a task from the inbox as a person does: the type's chip, then 办理. */
async function openFromInbox(page, typeName, taskId) {
  await page.goto(`${BASE_URL}/#/inbox`)
  await page.locator('.count', { has: page.locator('.count-name', { hasText: new RegExp(`^${typeName}$`) }) }).click()
  await page.click(`[data-test="handle-${taskId}"]`)
}

describe('the office proposes grades, publishes, a unit reads its sheet, the office records the talk', () => {
  let cycle
  let office
  let unit

  before(async () => {
    cycle = await preparedCycle('office-yearend')
    office = await openBrowser()
  })
  after(async () => {
    for (const b of [office, unit]) await b?.close()
  })

  it('opens the proposal from the inbox with the totals and the grades the scheme gives', async () => {
    const page = office.page
    await logIn(page, 'office')
    office.problems.reset()
    await openFromInbox(page, '拟定等次', cycle.proposeTaskId)
    await page.waitForURL(/#\/proposals\?/)
    await page.locator('[data-test="proposal-task"]').waitFor()
    const rows = page.locator('[data-test="preview"] .el-table__row')
    await rows.first().waitFor()
    assert.match(await rows.filter({ hasText: '市纪委' }).textContent(), /5\.5 \/ 6.*91\.67%.*好/)
    assert.match(await rows.filter({ hasText: '市中级法院' }).textContent(), /(?<![\d.])4 \/ 6.*66\.67%.*一般/)
    assert.equal(await page.locator('[data-test="latest-proposal"]').count(), 0, 'nothing proposed yet')
  })

  it('is refused a quota on the worst grade, at the quota', async () => {
    const page = office.page
    await page.click('[data-test="add-quota"]')
    await choose(page, '[data-test="quota-grade-0"]', '较差')
    await page.click('[data-test="save-scheme"]')
    const error = page.locator('[data-test="quota-0"] .el-form-item__error')
    await error.waitFor()
    assert.match(await error.textContent(), /最低等次“较差”不能设名额/)
    assert.equal(await page.locator('[data-test="propose"]').isDisabled(), true, 'an unsaved scheme is not proposed on')
    await screenshot(page, 'yearend-proposal-refused')
    office.problems.forgive(/status of 400/)
  })

  it('saves a scheme under which 市中级法院 is 较差, and proposes', async () => {
    const page = office.page
    await choose(page, '[data-test="quota-grade-0"]', '好')
    const share = page.locator('[data-test="quota-share-0"] input')
    await share.fill('0.5') // two units: one 好 at most
    await share.press('Tab')
    const min = page.locator('[data-test="band-min-2"] input')
    await min.fill('70')
    await min.press('Tab')
    await page.click('[data-test="save-scheme"]')
    await page.locator('[data-test="scheme-changed"]').waitFor({ state: 'detached' })
    await until('the preview shows 较差', 30_000, async () => (await page.textContent(`[data-test="grade-${ZJFY}"]`)).trim() === '较差')
    assert.equal((await page.textContent(`[data-test="grade-${SJW}"]`)).trim(), '好')
    const stored = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/grading`)
    assert.deepEqual(stored.quotas.map((q) => [q.grade, Number(q.maxShare)]), [['好', 0.5]])
    assert.equal(Number(stored.bands[2].minPercent), 70)

    await page.click('[data-test="propose"]')
    const latest = page.locator('[data-test="latest-proposal"]')
    await latest.waitFor()
    assert.match(await latest.textContent(), /市中级法院\s*较差/)
    await screenshot(page, 'yearend-proposal')
    await onTablet(page, 'the proposal page', 'yearend-proposal')
    // GradesProposed ends the office's task; the leader's approval opens.
    await awaitTask('leader', cycle.cycleId, 'UserTask_ApproveGrades', null, null)
    office.problems.forgive(/status of 404/) // no proposal yet when the page opened
    assert.deepEqual(office.problems.list, [])
  })

  it('shows the leader’s reason when a unit comes back, and proposes again', async () => {
    const approval = await awaitTask('leader', cycle.cycleId, 'UserTask_ApproveGrades', null, null)
    await expect(200, 'leader', 'POST', `/api/workflow/tasks/${approval.id}/complete`, {
      approve: [SJW], returns: [{ unitCode: ZJFY, reason: RETURN_REASON, returnTo: 'SCORING' }],
    })
    const repropose = await awaitTask('office', cycle.cycleId, 'UserTask_ReproposeGrades', null, null)
    const page = office.page
    office.problems.reset()
    await openFromInbox(page, '重新拟定等次', repropose.id)
    await page.waitForURL(/#\/proposals\?/)
    const returned = page.locator('[data-test="leader-return"]')
    await returned.waitFor()
    assert.match(await returned.textContent(), new RegExp(`市中级法院.*退回到：计分.*${RETURN_REASON}`))
    await page.locator(`[data-test="grade-${ZJFY}"]`).waitFor()
    await screenshot(page, 'yearend-repropose')
    // The first proposal's message may still be fading out: wait until it has gone, so the one found is this one's.
    await page.waitForFunction(() => !document.querySelector('.el-message'))
    await page.click('[data-test="propose"]')
    await page.locator('.el-message', { hasText: '等次已拟定' }).waitFor()
    const again = await until('the court’s approval again', 180_000, async () => {
      const open = await awaitTask('leader', cycle.cycleId, 'UserTask_ApproveGrades', null, null)
      const view = await expect(200, 'leader', 'GET', `/api/workflow/cycles/${cycle.cycleId}/proposal/categories/${open.category}`)
      return view.pendingUnits.join() === ZJFY ? open : null
    })
    await expect(200, 'leader', 'POST', `/api/workflow/tasks/${again.id}/complete`, { approve: [ZJFY], returns: [] })
    assert.deepEqual(office.problems.list, [])
  })

  it('publishes the approved results under a title, told at the field that one is needed', async () => {
    const publish = await awaitTask('office', cycle.cycleId, 'UserTask_PublishResults', null, null)
    await until('scoring has the grades approved', 120_000, async () => {
      const table = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/results`)
      return table.groups.flatMap((g) => g.rows).every((r) => r.status === 'APPROVED')
    })
    const page = office.page
    office.problems.reset()
    await openFromInbox(page, '通报考核结果', publish.id)
    await page.waitForURL(/#\/publication\?task=/)
    const title = page.locator('input[data-test="notice-title"]')
    await until('the title prefilled', 30_000, async () => (await title.inputValue()).startsWith(`关于${cycle.year}年度`))
    assert.match(await title.inputValue(), /考核结果的通报$/)
    assert.match(await page.locator('[data-test="publish-results"]').textContent(), /市纪委（监察局）.*好.*已审定/)
    await title.fill('  ')
    await page.click('[data-test="publish"]')
    const error = page.locator('[data-test="publish-form"] .el-form-item__error')
    await error.waitFor()
    assert.equal((await error.textContent()).trim(), '必填')
    const noticeTitle = `关于${cycle.year}年度浏览器端到端考核结果的通报`
    await title.fill(noticeTitle)
    await onTablet(page, 'the publication page', 'yearend-publication')
    await screenshot(page, 'yearend-publication')
    await page.click('[data-test="publish"]')
    await page.locator('[data-test="published"]').waitFor()
    await until('scoring marks the table published', 120_000, async () => {
      const table = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/results`)
      return table.publication && table.publication.noticeTitle === noticeTitle
    })
    assert.deepEqual(office.problems.list, [])
  })

  it('shows 市纪委 its own score sheet with a chart and its deductions, and downloads it', async () => {
    unit = await openBrowser()
    const page = unit.page
    await logIn(page, 'reporter.sjw')
    unit.problems.reset()
    await page.click('nav >> text=得分表')
    await page.waitForURL(/#\/score-sheet/)
    await page.goto(`${BASE_URL}/#/score-sheet?cycle=${cycle.cycleId}`)
    await page.locator('[data-test="sheet-summary"]').waitFor()
    assert.match(await page.locator('[data-test="sheet-summary"]').textContent(), /市纪委（监察局）.*好/)
    await page.locator('[data-test="sheet-chart"] canvas').waitFor()
    assert.match(await page.locator('[data-test="sheet-deductions"]').textContent(), /第二党支部三会一课记录不全/)
    assert.equal(await page.locator('[data-test="sheet-unit"]').count(), 0, 'a unit picks no other unit')
    await screenshot(page, 'yearend-score-sheet')

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="sheet-xlsx"]')])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const bytes = await readFile(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip')
    assert.ok(bytes.length > 2000, `a real workbook, ${bytes.length} bytes`)

    // Another unit's sheet is not 市纪委's to see: scoring answers 404, and the page says so in words.
    const other = await api('reporter.sjw', 'GET', `/api/scoring/cycles/${cycle.cycleId}/units/${ZJFY}/sheet`)
    assert.equal(other.status, 404)

    await onTablet(page, 'the score sheet', 'yearend-score-sheet')
    assert.deepEqual(unit.problems.list, [])
  })

  it('lets the office pick any unit’s sheet and chart the results by indicator', async () => {
    const page = office.page
    office.problems.reset()
    await page.goto(`${BASE_URL}/#/score-sheet?cycle=${cycle.cycleId}&unit=${ZJFY}`)
    await page.locator('[data-test="sheet-summary"]').waitFor()
    assert.match(await page.locator('[data-test="sheet-summary"]').textContent(), /市中级法院.*较差/)
    await page.goto(`${BASE_URL}/#/results?cycle=${cycle.cycleId}`)
    await page.locator('[data-test="results"]').first().waitFor()
    await page.locator('.el-switch', { hasText: '显示图表' }).click()
    await page.locator('[data-test="results-chart"] canvas').first().waitFor()
    await screenshot(page, 'yearend-results-chart')
    // The decisions ledger (扣分台账) of the cycle, from the results page: each unit's year-end judgement with its reason.
    const ledger = await downloadWorkbook(page, '[data-test="decisions-export"]')
    assert.match(ledger.name, /\.xlsx$/)
    assert.ok(ledger.cells.includes('被考核单位'), `the ledger's columns: ${ledger.text.slice(0, 300)}`)
    assert.match(ledger.text, /市中级法院[\s\S]*驻村帮扶工作开展不足，帮扶记录缺失/)
    assert.match(ledger.text, /市纪委（监察局）[\s\S]*驻村帮扶成效明显/)
    assert.deepEqual(office.problems.list, [])
  })

  it('records the talk with the 较差 unit, told at the fields what is missing', async () => {
    const talk = await awaitTask('office', cycle.cycleId, 'UserTask_HoldTalk', ZJFY, null)
    const page = office.page
    office.problems.reset()
    await openFromInbox(page, '约谈主要负责同志', talk.id)
    await page.waitForURL(/#\/talks\?task=/)
    const form = page.locator('[data-test="talk-form"]')
    await form.locator('text=市中级法院').first().waitFor()
    await page.click('[data-test="submit-talk"]')
    await form.locator('.el-form-item__error').first().waitFor()
    assert.equal(await form.locator('.el-form-item__error').count(), 3, 'date, person and summary are each asked for')
    await form.locator('.el-date-editor input').fill(`${cycle.year + 1}-02-03`)
    await page.keyboard.press('Enter')
    await page.locator('input[data-test="talked-with"]').fill('市中级法院主要负责同志')
    await page.locator('textarea[data-test="talk-summary"]').fill('通报考核结果，指出驻村帮扶工作开展不足，要求一周内报送书面整改报告')
    await onTablet(page, 'the talk form', 'yearend-talk')
    await screenshot(page, 'yearend-talk')
    await page.click('[data-test="submit-talk"]')
    await page.locator('[data-test="talk-recorded"]').waitFor()
    assert.match(await page.locator('[data-test="talk-recorded"]').textContent(), /市中级法院.*-02-03/)
    // The unit's written report is what comes next.
    await awaitTask('reporter.zjfy', cycle.cycleId, 'UserTask_SubmitRectificationReport', null, null)
    const left = await expect(200, 'office', 'GET', `/api/workflow/tasks?type=UserTask_HoldTalk&cycleId=${cycle.cycleId}`)
    assert.deepEqual(left.tasks, [])
    assert.deepEqual(office.problems.list, [])
  })
})
