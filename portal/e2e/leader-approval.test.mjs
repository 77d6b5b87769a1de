// The leader's approval and the rectification round, on a cycle of their own driven through the
// real APIs (cycle-setup.mjs) up to the leader's approval task: the office is refused the task in
// words (four eyes); the leader opens it from the inbox, sees the grade distribution and the
// self/reviewed gaps, drills into a unit's score sheet, is told at the field that a return needs a
// reason, and approves in bulk. Then the inspection's rectification notice of 市纪委: the unit
// plans a measure per problem, reports progress, and the inspection team verifies and closes it (销号).
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'
import { SJW, ZJFY, expect, until, awaitTask } from './cycle-setup.mjs'
import { preparedCycle } from './prepared.mjs'

describe('the leader approves in bulk and a rectification is carried out and closed', () => {
  let cycle
  let office
  let leader
  let unit
  let inspector

  before(async () => {
    cycle = await preparedCycle('leader-approval')
    office = await openBrowser()
    leader = await openBrowser()
  })
  after(async () => {
    for (const b of [office, leader, unit, inspector]) await b?.close()
  })

  it('refuses the office, who proposed, the approval task in words', async () => {
    await logIn(office.page, 'office')
    office.problems.reset()
    await office.page.goto(`${BASE_URL}/#/approvals?task=${cycle.approvalTaskId}`)
    const problem = office.page.locator('[data-test="problem"]')
    await problem.waitFor()
    assert.ok((await problem.textContent()).trim().length > 4, 'the API’s refusal is shown in words')
    assert.equal(await office.page.locator('[data-test="submit-approval"]').count(), 0)
    office.problems.forgive(/status of 404/)
    assert.deepEqual(office.problems.list, [])
  })

  it('shows the leader the distribution, the gaps and a unit’s score sheet', async () => {
    const page = leader.page
    await logIn(page, 'leader')
    leader.problems.reset()
    await page.locator('.count', { hasText: '审定得分与等次' }).click()
    await page.click(`[data-test="handle-${cycle.approvalTaskId}"]`)
    await page.waitForURL(new RegExp(`#/approvals\\?task=${cycle.approvalTaskId}`))
    await page.locator('[data-test="distribution"] canvas').waitFor()
    const sjw = page.locator('[data-test="proposal-units"] .el-table__row', { hasText: '市纪委' })
    const zjfy = page.locator('[data-test="proposal-units"] .el-table__row', { hasText: '市中级法院' })
    // Points as the offices write them: 5.5 / 6, not 5.50 / 6.00.
    assert.match(await sjw.textContent(), /5\.5 \/ 6(?![.\d]).*好/)
    assert.match(await zjfy.textContent(), /(?<![\d.])4 \/ 6(?![.\d]).*一般/)
    // 市中级法院 scored itself 6 but was reviewed to 4: the gap the leader looks at.
    assert.equal((await page.textContent(`[data-test="gap-${ZJFY}"]`)).trim(), '2')
    assert.match(await page.getAttribute(`[data-test="gap-${ZJFY}"]`, 'class'), /gap-large/)

    await page.click(`[data-test="sheet-${SJW}"]`)
    const sheet = page.locator('.el-drawer', { hasText: '考核得分表' })
    await sheet.locator('text=第二党支部三会一课记录不全').waitFor()
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'hidden' })
  })

  it('tells the leader at the field that a return needs a reason', async () => {
    const page = leader.page
    await page.locator(`[data-test="decision-${ZJFY}"]`).getByText('退回').click()
    await page.locator(`[data-test="reason-${ZJFY}"]`).waitFor()
    await page.click('[data-test="submit-approval"]')
    const error = page.locator('.el-form-item', { has: page.locator(`[data-test="reason-${ZJFY}"]`) }).locator('.el-form-item__error')
    await error.waitFor()
    assert.equal((await error.textContent()).trim(), '请填写退回理由')
    await page.locator(`[data-test="decision-${ZJFY}"]`).getByText('同意').click()
  })

  it('approves both units in bulk, with the result per unit', async () => {
    const page = leader.page
    await page.click('[data-test="approve-all"]')
    const results = page.locator('[data-test="bulk-results"]')
    await results.waitFor()
    assert.match(await results.textContent(), /已同意：市纪委（监察局）、市中级法院/)
    assert.equal((await page.textContent(`[data-test="result-${SJW}"]`)).trim(), '已同意')
    assert.equal((await page.textContent(`[data-test="result-${ZJFY}"]`)).trim(), '已同意')
    await screenshot(page, 'approval')
    // GradesApproved reaches scoring: the results table says approved.
    await until('both units approved in scoring', 180_000, async () => {
      const table = await expect(200, 'leader', 'GET', `/api/scoring/cycles/${cycle.cycleId}/results`)
      const rows = table.groups.flatMap((g) => g.rows)
      return rows.length === 2 && rows.every((r) => r.status === 'APPROVED')
    })
    assert.deepEqual(leader.problems.list, [])
  })

  it('has the unit plan a measure for the notice’s problem, told at the field what is missing', async () => {
    const plan = await awaitTask('reporter.sjw', cycle.cycleId, 'UserTask_SubmitRectificationPlan', null, null)
    unit = await openBrowser()
    const page = unit.page
    await logIn(page, 'reporter.sjw')
    unit.problems.reset()
    await page.goto(`${BASE_URL}/#/rectifications?task=${plan.id}&cycle=${cycle.cycleId}`)
    const dialog = page.locator('[data-test="rectification-form"]')
    await dialog.locator('text=第二党支部三会一课记录不全').waitFor()
    await page.click('[data-test="submit-rectification"]')
    await dialog.locator('.el-form-item__error').first().waitFor()
    assert.ok(await dialog.locator('.el-form-item__error').count() >= 4, 'measure, leader, office and deadline are each asked for')
    await dialog.getByLabel('整改措施').fill('补齐三会一课记录，支部书记每月检查')
    await dialog.getByLabel('责任领导').fill('机关党委书记')
    await dialog.getByLabel('责任科室').fill('机关党委')
    await dialog.locator('.el-date-editor input').fill(`${cycle.year + 1}-03-31`)
    await page.keyboard.press('Enter')
    await page.click('[data-test="submit-rectification"]')
    await dialog.waitFor({ state: 'hidden' })
    const ledger = page.locator(`[data-test="rectification-${SJW}"] [data-test="ledger"]`)
    await until('the ledger shows the measure', 60_000, async () => {
      await page.click('text=刷新')
      await page.waitForLoadState('networkidle')
      return (await ledger.textContent()).includes('补齐三会一课记录')
    })
    assert.match(await ledger.textContent(), /机关党委书记.*机关党委.*-03-31/)
  })

  it('has the unit report progress from its inbox', async () => {
    const progress = await awaitTask('reporter.sjw', cycle.cycleId, 'UserTask_ReportRectificationProgress', null, null)
    const page = unit.page
    await page.goto(`${BASE_URL}/#/inbox`)
    await page.locator('.count', { hasText: '报告整改进展' }).click() // only this type: other journeys' tasks may fill the page
    await page.click(`[data-test="handle-${progress.id}"]`)
    const dialog = page.locator('[data-test="rectification-form"]')
    await dialog.getByLabel('整改进展').fill('措施已落实，三会一课记录已补齐')
    await dialog.locator('[data-test="completed"]').click()
    await page.click('[data-test="submit-rectification"]')
    await dialog.waitFor({ state: 'hidden' })
    assert.deepEqual(unit.problems.list, [])
  })

  it('has the inspection team verify and close it (销号)', async () => {
    const verify = await awaitTask('inspector.1', cycle.cycleId, 'UserTask_VerifyRectification', null, null)
    inspector = await openBrowser()
    const page = inspector.page
    await logIn(page, 'inspector.1')
    inspector.problems.reset()
    await page.goto(`${BASE_URL}/#/inbox`)
    await page.locator('.count', { hasText: '核查销号' }).click()
    await page.click(`[data-test="handle-${verify.id}"]`)
    const dialog = page.locator('[data-test="rectification-form"]')
    await dialog.locator('text=措施已落实，三会一课记录已补齐').waitFor()
    await dialog.getByLabel('核查意见').fill('经核查整改到位，予以销号')
    await page.click('[data-test="submit-rectification"]')
    await dialog.waitFor({ state: 'hidden' })
    const card = page.locator(`[data-test="rectification-${SJW}"]`, { hasText: cycle.cycleId })
    await until('the notice closed', 120_000, async () => {
      await page.click('text=刷新')
      await page.waitForLoadState('networkidle')
      return (await card.locator('[data-test="rectification-status"]').textContent()).includes('已销号')
    })
    assert.match(await card.locator('[data-test="ledger"]').textContent(), /已销号.*inspector\.1/)
    await screenshot(page, 'rectification')
    assert.deepEqual(inspector.problems.list, [])
  })
})
