// A bonus application answered by its department, and a satisfaction survey (民主测评), on the cheapest cycle of
// cycle-setup.mjs (opened and left to its clock; no compressed year is driven) whose rubric also has a bonus item
// 市扶贫移民局 owns and an item a survey converts into points. 市纪委's reporter applies twice with evidence; the
// department (reviewer.fpymj) accepts one in the browser — a BONUS decision, visible on the unit's score sheet —
// and refuses the other with a reason, which the unit reads. The office creates a survey (满意/基本满意/不满意), issues
// its one-time codes (the printable sheet) and opens it; a voter in a fresh browser, not logged in, opens
// #/ballot/{code} and votes; the same code again is refused on the page; the office closes the survey and sees the
// result per unit and the points, and scoring holds the measured value the survey recorded.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, eventually } from './browser.mjs'
import { SJW, ZJFY, expect, cycleWithBonusAndSurvey } from './cycle-setup.mjs'

const ACCEPTED_MATTER = '驻村帮扶工作获市委书面表扬'
const REFUSED_MATTER = '党建信息被省级简报采用'
const REFUSAL = '简报采用不属于书面表扬，不予认定'

describe('the department answers bonus applications, and the office runs a satisfaction survey', () => {
  let cycle
  let unit
  let reviewer
  let office
  let voter
  const filed = {}

  before(async () => {
    cycle = await cycleWithBonusAndSurvey()
  })
  after(async () => {
    for (const b of [unit, reviewer, office, voter]) await b?.close()
  })

  /** The reporter's application on the bonus item: one completed matter, an uploaded evidence file. */
  async function apply(page, matter, reason) {
    await page.locator('[data-test="bonus-item"]').click()
    await page.click('.el-select-dropdown__item:visible:has-text("工作获上级书面表扬")')
    await page.locator('[data-test="bonus-item-rule"]:has-text("每获市级以上书面表扬1次加1分")').waitFor()
    await page.locator('input[data-test="bonus-matter"]').fill(matter)
    await page.locator('input[data-test="bonus-count"]').fill('1')
    await page.locator('textarea[data-test="bonus-reason"]').fill(reason)
    // The date the file proves: on the cycle's compressed clock "today" is still early in the year (evidence-service
    // refuses a date after its today), so a day in January rather than the browser's date.
    const date = page.locator('[data-test="bonus-unit"] .el-date-editor input')
    await date.fill(`${cycle.year}-01-05`)
    await date.press('Enter')
    await page.locator('[data-test="bonus-file-input"]').setInputFiles({
      name: `${matter}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`${matter}\n`.repeat(40)),
    })
    await page.locator(`[data-test="bonus-evidence-file"]:has-text("${matter}.txt")`).waitFor()
    // scoring learns of the file from evidence-service's EvidenceAdded (Kafka): until then it says the file is unknown.
    return eventually(async () => {
      await page.click('[data-test="bonus-file"]')
      await page.waitForTimeout(1500)
      const list = await expect(200, 'reporter.sjw', 'GET', `/api/scoring/cycles/${cycle.cycleId}/bonus-applications`)
      return list.find((a) => a.matter === matter) || null
    }, { tries: 30, what: `the application ${matter} filed` })
  }

  it('has 市纪委’s reporter apply twice for the bonus, with evidence', async () => {
    unit = await openBrowser()
    const page = unit.page
    await logIn(page, 'reporter.sjw')
    unit.problems.reset()
    await page.goto(`${BASE_URL}/#/bonus?cycle=${cycle.cycleId}`)
    await page.locator('[data-test="bonus-items"] .el-table__row', { hasText: '工作获上级书面表扬' }).waitFor()
    filed.accepted = await apply(page, ACCEPTED_MATTER, '市委办公室通报表扬本单位驻村帮扶工作')
    filed.refused = await apply(page, REFUSED_MATTER, '本单位党建信息被省委组织部简报采用')
    unit.problems.forgive(/status of 400/) // the evidence not yet known to scoring
    for (const a of [filed.accepted, filed.refused]) {
      assert.equal(a.state, 'SUBMITTED')
      assert.equal(Number(a.points), 1)
      await page.locator(`[data-test="bonus-state-${a.id}"]:has-text("待认定")`).waitFor()
    }
    assert.deepEqual(unit.problems.list, [])
  })

  it('has the department accept one (a bonus decision) and refuse the other with a reason', async () => {
    reviewer = await openBrowser()
    const page = reviewer.page
    await logIn(page, 'reviewer.fpymj')
    reviewer.problems.reset()
    await page.goto(`${BASE_URL}/#/bonus?cycle=${cycle.cycleId}`)
    await page.click(`[data-test="bonus-accept-${filed.accepted.id}"]`)
    await page.locator(`[data-test="bonus-state-${filed.accepted.id}"]:has-text("已认定")`).waitFor()

    await page.click(`[data-test="bonus-refuse-${filed.refused.id}"]`)
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="bonus-refusal"]') })
    // A refusal without a reason is told at the field, nothing is sent.
    await page.click('[data-test="bonus-refuse-send"]')
    await dialog.locator('.el-form-item__error').waitFor()
    await page.locator('textarea[data-test="bonus-refusal"]').fill(REFUSAL)
    await page.click('[data-test="bonus-refuse-send"]')
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(`[data-test="bonus-state-${filed.refused.id}"]:has-text("不予认定")`).waitFor()
    await screenshot(page, 'bonus-answered')

    // The accepted application is a BONUS decision on the item in scoring's ledger.
    const ledger = await expect(200, 'reviewer.fpymj', 'GET',
      `/api/scoring/cycles/${cycle.cycleId}/units/${SJW}/items/${cycle.items.bonus}/decisions`)
    const bonus = ledger.filter((row) => !row.supersededBy).map((row) => row.decision).filter((d) => d.kind === 'BONUS')
    assert.equal(bonus.length, 1, JSON.stringify(ledger))
    assert.equal(bonus[0].source, '加分申报')
    assert.equal(bonus[0].decidedBy, 'reviewer.fpymj')
    assert.deepEqual(reviewer.problems.list, [])
  })

  it('shows the unit the answers: the bonus on its score sheet, the refusal’s reason', async () => {
    const page = unit.page
    unit.problems.reset()
    await page.reload() // the page is still the one it filed on
    await page.locator(`[data-test="bonus-state-${filed.accepted.id}"]:has-text("已认定")`).waitFor()
    await page.locator(`[data-test="bonus-state-${filed.refused.id}"]:has-text("不予认定")`).waitFor()
    assert.equal((await page.textContent(`[data-test="bonus-answer-${filed.refused.id}"]`)).trim(), REFUSAL)
    assert.equal(await page.locator(`[data-test="bonus-withdraw-${filed.refused.id}"]`).count(), 0, 'an answered application stays')

    await page.goto(`${BASE_URL}/#/score-sheet?cycle=${cycle.cycleId}`)
    const row = page.locator('[data-test="sheet-items"] .el-table__row', { hasText: '工作获上级书面表扬' })
    await row.waitFor()
    // Reviewed 1 of 2: the accepted application, named as such; the refused one counts nothing.
    assert.match(await row.textContent(), /2\.1 工作获上级书面表扬\s*2\s*—\s*1\s*—.*（加分申报），完成1项，加1分/)
    assert.doesNotMatch(await row.textContent(), new RegExp(REFUSED_MATTER))
    await screenshot(page, 'bonus-score-sheet')
    assert.deepEqual(unit.problems.list, [])
  })

  let codes
  it('has the office create a survey, issue its one-time codes (the printable sheet) and open it', async () => {
    office = await openBrowser()
    const page = office.page
    await logIn(page, 'office')
    office.problems.reset()
    await page.goto(`${BASE_URL}/#/surveys?cycle=${cycle.cycleId}`)
    await page.click('[data-test="survey-create"]')
    const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="survey-form-save"]') })
    await page.locator('input[data-test="survey-form-title"]').fill('服务对象满意度测评')
    await page.locator('input[data-test="survey-form-item"]').fill(cycle.items.survey)
    await page.locator('input[data-test="survey-form-codes"]').fill('2')
    await dialog.getByText('各组去掉一个最高分和一个最低分').click() // one ballot: nothing to drop
    await page.click('[data-test="survey-form-save"]')
    await dialog.waitFor({ state: 'hidden' })
    const row = page.locator('[data-test="surveys"] .el-table__row', { hasText: '服务对象满意度测评' })
    assert.equal((await row.locator('[data-test="survey-state"]').textContent()).trim(), '准备中')

    await row.locator('[data-test="survey-issue"]').click()
    await page.locator('.el-message-box__btns button', { hasText: '发放并打印测评码' }).click()
    const sheet = page.locator('[data-test="survey-codes"]')
    await sheet.waitFor()
    await sheet.locator('[data-test="survey-code"] img').first().waitFor()
    codes = await sheet.locator('[data-test="survey-code"] figcaption strong').allTextContents()
    assert.equal(codes.length, 2)
    assert.match(await sheet.locator('[data-test="survey-code"] figcaption small').first().textContent(), /#\/ballot\//)
    await screenshot(page, 'survey-codes')
    await page.click('[data-test="survey-codes-done"]')
    await row.locator('[data-test="survey-open"]').click()
    await eventually(async () => (await row.locator('[data-test="survey-state"]').textContent()).trim() === '进行中' || null,
      { tries: 20, what: 'the survey open' })
    assert.deepEqual(office.problems.list, [])
  })

  it('lets a voter without a login vote once with a code, and refuses the code the second time', async () => {
    voter = await openBrowser({ width: 390, height: 844 }) // a phone, from the printed QR code
    const page = voter.page
    await page.goto(`${BASE_URL}/#/ballot/${encodeURIComponent(codes[0])}`)
    const sjw = page.locator('[data-test="ballot-unit"]', { hasText: '市纪委' })
    const zjfy = page.locator('[data-test="ballot-unit"]', { hasText: '市中级法院' })
    await sjw.waitFor()
    assert.equal(await page.locator('[data-test="who"]').count(), 0, 'nobody is logged in')
    await sjw.getByText('满意', { exact: true }).click()
    await zjfy.getByText('基本满意', { exact: true }).click()
    await screenshot(page, 'survey-ballot')
    await page.click('[data-test="ballot-submit"]')
    await page.locator('[data-test="ballot-thanks"]').waitFor()

    // The same code once more: the page says it is used, in words, and offers no form.
    const again = await voter.context.newPage()
    await again.goto(`${BASE_URL}/#/ballot/${encodeURIComponent(codes[0])}`)
    const problem = again.locator('[data-test="problem"]')
    await problem.waitFor()
    assert.match(await problem.textContent(), /测评码有误或已使用/)
    await screenshot(again, 'survey-ballot-used')
    assert.equal(await again.locator('[data-test="ballot-unit"]').count(), 0, 'no form for a used code')
    assert.deepEqual(voter.problems.list, [])
  })

  it('has the office close the survey and see the result and the points it recorded', async () => {
    const page = office.page
    office.problems.reset()
    await page.reload() // the page still shows the survey as it opened it
    const row = page.locator('[data-test="surveys"] .el-table__row', { hasText: '服务对象满意度测评' })
    assert.match(await row.locator('[data-test="survey-progress"]').textContent(), /1 \/ 2/)
    await row.locator('[data-test="survey-close"]').click()
    await page.locator('.el-message-box__btns button', { hasText: '结束并计分' }).click()
    const results = page.locator('[data-test="survey-results-table"]')
    await results.waitFor()
    // 满意 = 100 %, 基本满意 = 60 % by default; converted out of 100 into the item's 2 points.
    assert.match(await results.locator('.el-table__row', { hasText: '市纪委' }).textContent(), /100%.*2/)
    assert.match(await results.locator('.el-table__row', { hasText: '市中级法院' }).textContent(), /60%.*1\.2/)
    await eventually(async () => (await row.locator('[data-test="survey-state"]').textContent()).trim() === '已结束' || null,
      { tries: 20, what: 'the survey closed in the list' })
    await screenshot(page, 'survey-results')

    // The survey recorded each unit's result as the item's measured value in scoring's ledger.
    for (const [unitCode, score] of [[SJW, 100], [ZJFY, 60]]) {
      const ledger = await expect(200, 'office', 'GET',
        `/api/scoring/cycles/${cycle.cycleId}/units/${unitCode}/items/${cycle.items.survey}/decisions`)
      const inForce = ledger.filter((r) => !r.supersededBy).map((r) => r.decision)
      assert.ok(inForce.some((d) => d.reason.includes('民主测评《服务对象满意度测评》') && Number(d.measured?.subScore) === score),
        `${unitCode}: ${JSON.stringify(ledger)}`)
    }
    assert.deepEqual(office.problems.list, [])
  })
})
