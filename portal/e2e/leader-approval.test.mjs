// The leader's approval and the rectification round, on a cycle of their own driven through the
// real APIs (cycle-setup.mjs) up to the leader's approval task: the office is refused the task in
// words (four eyes); the leader opens it from the inbox, sees the grade distribution and the
// self/reviewed gaps, drills into a unit's score sheet, is told at the field that a return needs a
// reason, and approves in bulk. The results are then shown to the units (公示): 市纪委's reporter appeals two items
// from the 公示 page, each department answers in its inbox, the office upholds one (a correcting decision that
// withdraws the inspection's deduction; 市纪委 re-scored, the leader approves it again from the inbox) and rejects
// the other (its reason shown to the unit); an appeal on another unit's item and one after the period are refused by
// the API (after the period the page no longer offers the form),
// and publication waits for the period and the appeals. (The publicity period must outlast the filing: the cycle
// sets its own, 60 working days, about 35 s on the journeys' compressed clock; see prepared.mjs.)
// Then the inspection's rectification notice of 市纪委: the unit
// plans a measure per problem, reports progress, and the inspection team verifies and closes it (销号).
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, downloadWorkbook } from './browser.mjs'
import { SJW, ZJFY, ITEMS, api, expect, until, awaitTask, tasks } from './cycle-setup.mjs'
import { preparedCycle } from './prepared.mjs'

describe('the leader approves in bulk and a rectification is carried out and closed', () => {
  let cycle
  let office
  let leader
  let unit
  let inspector
  let departments = []

  before(async () => {
    cycle = await preparedCycle('leader-approval')
    office = await openBrowser()
    leader = await openBrowser()
    // 市纪委's reporter is at the 公示 page as soon as the period starts (it lasts seconds on a compressed clock).
    unit = await openBrowser()
    await logIn(unit.page, 'reporter.sjw')
  })
  after(async () => {
    for (const b of [office, leader, unit, inspector, ...departments]) await b?.close()
  })

  /** Opens a task from the inbox as a person does: the type's chip, then 办理. */
  async function openFromInbox(page, typeName, taskId) {
    await page.goto(`${BASE_URL}/#/inbox`)
    await page.locator('.count', { has: page.locator('.count-name', { hasText: new RegExp(`^${typeName}$`) }) }).click()
    await page.click(`[data-test="handle-${taskId}"]`)
    await page.waitForURL(/#\/appeals\?/)
    await page.locator('[data-test="appeal-task"]').waitFor()
  }

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
    // 市纪委's reporter has the 公示 page open with its items before the approval starts the publicity period
    // (seconds long on the compressed clock): only the filings run inside it, not a page load on a busy machine.
    unit.problems.reset()
    await unit.page.goto(`${BASE_URL}/#/appeals?cycle=${cycle.cycleId}`)
    await unit.page.locator('[data-test="publicity-items"] .el-table__row', { hasText: '第二党支部三会一课记录不全' }).waitFor()
    await unit.page.locator('[data-test="appeal-item"]').waitFor()
    const page = leader.page
    await page.click('[data-test="approve-all"]')
    const results = page.locator('[data-test="bulk-results"]')
    await results.waitFor()
    assert.match(await results.textContent(), /已同意：市纪委（监察局）、市中级法院/)
    assert.equal((await page.textContent(`[data-test="result-${SJW}"]`)).trim(), '已同意')
    assert.equal((await page.textContent(`[data-test="result-${ZJFY}"]`)).trim(), '已同意')
    await screenshot(page, 'approval')
    assert.deepEqual(leader.problems.list, [])
    // The publicity period runs from here (seconds on the compressed clock): the unit appeals next, and scoring's
    // approval (GradesApproved over Kafka) is awaited after that, not before.
  })

  const appealOf = {}
  it('has 市纪委 appeal two items from the 公示 page during the publicity period', async () => {
    const page = unit.page // on the 公示 page since before the approval
    // Read as the unit (a password alone): the office's login may first wait for a one-time code nobody used yet
    // (up to 30 s), time the period's seconds cannot spare — a full run spent 54 s there and the filings came late.
    const period = await until('the publicity period started', 120_000, async () => {
      const view = await expect(200, 'reporter.sjw', 'GET', `/api/workflow/cycles/${cycle.cycleId}`)
      return view.calendar.find((d) => d.what === 'PUBLICITY' && d.dueAt) || null
    })
    const file = async (itemCode, reason, evidence) => {
      await page.locator('[data-test="appeal-item"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${itemCode.replace('.', '\\.')} `) }).click()
      await page.locator('textarea[data-test="appeal-reason"]').fill(reason)
      await page.locator('textarea[data-test="appeal-evidence"]').fill(evidence)
      await page.click('[data-test="appeal-file"]')
      await page.locator('[data-test="appeal-filed"]', { hasText: itemCode }).waitFor()
    }
    await file(ITEMS.perIncident, '第二党支部三会一课记录齐全，检查时记录本在支部书记处，扣分有误',
      '第二党支部2026年三会一课记录本（扫描件）\n支部书记情况说明')
    await file(ITEMS.judged, '驻村帮扶成效已达到满分标准，请复核评分', '驻村帮扶工作总结')
    const appeals = await expect(200, 'reporter.sjw', 'GET', `/api/workflow/cycles/${cycle.cycleId}/appeals`)
    for (const item of [ITEMS.perIncident, ITEMS.judged]) {
      appealOf[item] = appeals.find((a) => a.itemCode === item)
      assert.equal(appealOf[item]?.status, 'OPEN', JSON.stringify(appeals))
    }
    assert.deepEqual(appealOf[ITEMS.perIncident].evidence, ['第二党支部2026年三会一课记录本（扫描件）', '支部书记情况说明'])
    assert.ok(new Date(appealOf[ITEMS.judged].filedAt) < new Date(period.dueAt), 'filed within the period')
    const listed = page.locator('[data-test="appeals"] .el-table__row')
    await listed.filter({ hasText: '待考核单位答复' }).nth(1).waitFor()
    await page.locator('[data-test="publicity-ends"]').waitFor()
    await screenshot(page, 'appeal-filed')

    // Another unit's item: refused (403), whatever the page offers.
    const other = await api('reporter.sjw', 'POST', `/api/workflow/cycles/${cycle.cycleId}/appeals`,
      { unitCode: ZJFY, itemCode: ITEMS.judged, reason: '替法院申诉', evidence: [] })
    assert.equal(other.status, 403, JSON.stringify(other.body))
    assert.deepEqual(unit.problems.list, [])
    // GradesApproved reaches scoring: the results table says approved.
    await until('both units approved in scoring', 180_000, async () => {
      const table = await expect(200, 'leader', 'GET', `/api/scoring/cycles/${cycle.cycleId}/results`)
      const rows = table.groups.flatMap((g) => g.rows)
      return rows.length === 2 && rows.every((r) => r.status === 'APPROVED')
    })
  })

  it('has each department answer the appeal on its item in its inbox', async () => {
    // The two departments at once, each in its own browser.
    await Promise.all([ITEMS.perIncident, ITEMS.judged].map(async (item) => {
      const reviewer = ITEMS.reviewerOf[item]
      const task = await awaitTask(reviewer, cycle.cycleId, 'UserTask_AnswerAppeal', SJW, null)
      const browser = await openBrowser()
      departments.push(browser)
      await logIn(browser.page, reviewer)
      browser.problems.reset()
      await openFromInbox(browser.page, '考核单位答复申诉', task.id)
      const card = browser.page.locator('[data-test="appeal-task"]')
      await card.locator(`text=${appealOf[item].reason}`).waitFor()
      // An empty answer is told at the field.
      await browser.page.click('[data-test="appeal-task-submit"]')
      await card.locator('.el-form-item__error').waitFor()
      await browser.page.locator('textarea[data-test="appeal-answer"]').fill(item === ITEMS.perIncident
        ? '经核实，该支部记录本检查时未能提供，现已补充提供，记录齐全' : '驻村帮扶评分已综合帮扶成效，维持原评分')
      await browser.page.click('[data-test="appeal-task-submit"]')
      await card.waitFor({ state: 'hidden' })
      assert.deepEqual(browser.problems.list, [], reviewer)
    }))
  })

  it('waits to publish while the appeals are open, and refuses an appeal after the period', async () => {
    const { dueAt } = (await expect(200, 'office', 'GET', `/api/workflow/cycles/${cycle.cycleId}`)).calendar
      .find((d) => d.what === 'PUBLICITY')
    await until('the publicity period over', 120_000, async () => Date.now() > new Date(dueAt).getTime() + 2000)
    // The form is gone: the unit is told in words that the period is over, and the API refuses a late appeal.
    const page = unit.page
    unit.problems.reset()
    await page.reload()
    await page.locator('[data-test="publicity-ends"]', { hasText: '不再受理申诉' }).waitFor()
    await page.locator('[data-test="appeal-closed"]', { hasText: '不再受理申诉' }).waitFor()
    assert.equal(await page.locator('[data-test="appeal-file"]').count(), 0, 'no appeal form after the period')
    assert.equal(await page.locator('[data-test="appeal-reason"]').count(), 0)
    assert.deepEqual(unit.problems.list, [])
    const late = await api('reporter.sjw', 'POST', `/api/workflow/cycles/${cycle.cycleId}/appeals`,
      { unitCode: SJW, itemCode: ITEMS.judged, reason: '逾期申诉', evidence: [] })
    assert.equal(late.status, 409, JSON.stringify(late.body))
    assert.match(JSON.stringify(late.body), /公示期/)
    assert.deepEqual(await tasks('office', cycle.cycleId, 'UserTask_PublishResults'), [], 'no publication while appeals are open')
  })

  it('has the office uphold one appeal with a correcting decision and reject the other with its reason', async () => {
    const page = office.page
    office.problems.reset()
    const candidates = await until('both appeals waiting for the office', 120_000, async () => {
      const open = await tasks('office', cycle.cycleId, 'UserTask_DecideAppeal', SJW)
      return open.length === 2 ? open : null
    })
    for (const task of candidates) {
      const item = task.itemCode
      await openFromInbox(page, '考核办复核决定', task.id)
      const card = page.locator('[data-test="appeal-task"]')
      await card.locator(`text=${appealOf[item].reason}`).waitFor()
      if (item === ITEMS.perIncident) {
        await card.locator('[data-test="appeal-outcome"]').getByText('申诉成立').click()
        await page.locator('[data-test="appeal-contested"]').click()
        await page.locator('.el-select-dropdown__item:visible', { hasText: '第二党支部三会一课记录不全' }).click()
        await page.locator('textarea[data-test="appeal-decision"]').fill('申诉成立：记录齐全，撤销该项扣分')
      } else {
        await card.locator('[data-test="appeal-outcome"]').getByText('申诉不成立').click()
        await page.locator('textarea[data-test="appeal-decision"]').fill('申诉不成立：评分依据充分，维持原评分')
      }
      await page.click('[data-test="appeal-task-submit"]')
      await card.waitFor({ state: 'hidden' })
    }
    assert.deepEqual(candidates.map((t) => t.itemCode).sort(), [ITEMS.judged, ITEMS.perIncident].sort())
    assert.deepEqual(await tasks('office', cycle.cycleId, 'UserTask_DecideAppeal', SJW), [], 'both decided')
    assert.deepEqual(office.problems.list, [])
  })

  it('has the leader approve 市纪委 again from the inbox once it is re-scored', async () => {
    const reapprove = await awaitTask('leader', cycle.cycleId, 'UserTask_ReapproveUnit', SJW, null)
    const page = leader.page
    leader.problems.reset()
    await openFromInbox(page, '重新审定该单位', reapprove.id)
    await page.click('[data-test="appeal-task-submit"]')
    await page.locator('[data-test="appeal-task"]').waitFor({ state: 'hidden' })
    // The withdrawn deduction: 市纪委 6 of 6, approved again.
    await until('市纪委 re-scored and approved', 180_000, async () => {
      const table = await expect(200, 'leader', 'GET', `/api/scoring/cycles/${cycle.cycleId}/results`)
      const row = table.groups.flatMap((g) => g.rows).find((r) => r.unitCode === SJW)
      return row && Number(row.total) === 6 && row.status === 'APPROVED'
    })
    assert.deepEqual(leader.problems.list, [])
  })

  it('shows 市纪委 both outcomes, the rejection with its reason, and publication opens', async () => {
    const page = unit.page
    unit.problems.reset()
    await page.goto(`${BASE_URL}/#/appeals?cycle=${cycle.cycleId}`)
    const listed = page.locator('[data-test="appeals"] .el-table__row')
    await until('both appeals closed on the page', 60_000, async () => {
      await page.click('text=刷新')
      await page.waitForLoadState('networkidle')
      return (await listed.filter({ hasText: '申诉成立' }).count()) === 1 && (await listed.filter({ hasText: '申诉不成立' }).count()) === 1
    })
    assert.match(await listed.filter({ hasText: '申诉不成立' }).textContent(), /评分依据充分，维持原评分/)
    assert.match(await listed.filter({ hasText: '申诉成立' }).textContent(), /撤销该项扣分/)
    await screenshot(page, 'appeal-outcomes')
    await awaitTask('office', cycle.cycleId, 'UserTask_PublishResults', null, null)
    assert.deepEqual(unit.problems.list, [])
  })

  it('has the unit plan a measure for the notice’s problem, told at the field what is missing', async () => {
    const plan = await awaitTask('reporter.sjw', cycle.cycleId, 'UserTask_SubmitRectificationPlan', null, null)
    const page = unit.page
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
    // 整改台账 as offices keep it: the export beside the list, in Chinese columns, with the measure just planned.
    const workbook = await downloadWorkbook(page, '[data-test="rectification-export"]')
    assert.match(workbook.name, /\.xlsx$/)
    for (const column of ['单位', '问题', '整改措施', '责任领导', '责任科室', '整改时限', '状态']) {
      assert.ok(workbook.cells.includes(column), `the ledger's column ${column}: ${workbook.text.slice(0, 300)}`)
    }
    assert.match(workbook.text, /市纪委（监察局）[\s\S]*第二党支部三会一课记录不全[\s\S]*补齐三会一课记录，支部书记每月检查\t机关党委书记\t机关党委/)
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
    // 已办: the task just done, in the list and in its export.
    await page.goto(`${BASE_URL}/#/inbox`)
    await page.locator('.el-tabs__item', { hasText: '已办' }).click()
    await page.locator('[data-test="done"] .el-table__row', { hasText: '报告整改进展' }).first().waitFor()
    const done = await downloadWorkbook(page, '[data-test="inbox-export"]')
    for (const column of ['任务', '考核周期', '被考核单位']) assert.ok(done.cells.includes(column), `已办's column ${column}`)
    assert.match(done.text, /报告整改进展/, '已办 lists the progress report')
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
