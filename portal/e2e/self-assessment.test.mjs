// A quarter's self-assessment, in the order of the year: the office opens a cycle for one unit
// (through its session, as its own page would), the unit's reporter fills in an item with a
// statement and an evidence file (the rest of the unit's items set up through the API), the draft
// saves itself, the unit's head signs it off, the assessing department (市扶贫移民局 assesses
// 干部驻村帮扶工作) returns the item, the unit sees it highlighted with the comment, fixes it and
// signs off again, and the department accepts it. On the same open cycle the reporter applies for a bonus
// (加分申报) with an uploaded evidence file, the office reads it and the reporter withdraws it.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, sessionPost, sessionSend, eventually, sampleValue } from './browser.mjs'

const cycleId = `e2e-sa-${Date.now()}`
const UNIT = 'bz-zjfy'
const ITEM_TITLE = '干部驻村帮扶工作'

describe('a unit’s self-assessment, its review and its correction', () => {
  let office
  let reporter
  let head
  let reviewer
  let assessmentId
  let itemCode

  before(async () => {
    office = await openBrowser()
    reporter = await openBrowser()
    head = await openBrowser()
    reviewer = await openBrowser()
  })
  after(async () => {
    for (const b of [office, reporter, head, reviewer]) await b?.close()
  })

  it('has a cycle the office opened for the unit', async () => {
    await logIn(office.page, 'office')
    const versions = await (await office.context.request.get(BASE_URL + '/api/rubric/versions')).json()
    const published = versions.find((v) => v.status === 'PUBLISHED' && v.kind === 'UNIT_TARGETS') || versions.find((v) => v.status === 'PUBLISHED')
    assert.ok(published, 'a published rubric version (the demo data publishes seed 001’s targets)')
    const opened = await sessionPost(office.context, '/api/workflow/cycles', {
      cycleId, year: 2015, title: `浏览器测试 自评 ${cycleId}`, rubricVersionId: published.id,
      units: [{ unitCode: UNIT, unitName: '市中级法院', category: 'party-dept' }],
    })
    assert.equal(opened.status(), 201, await opened.text())
  })

  it('the reporter opens the quarter’s self-assessment and sees the rubric tree with the unit’s items', async () => {
    await logIn(reporter.page, 'reporter.zjfy')
    reporter.problems.reset()
    // evidence-service learns of the cycle from Kafka: until then opening says the unit is not in it.
    const body = await eventually(async () => {
      const r = await sessionPost(reporter.context, `/api/evidence/units/${UNIT}/self-assessments`, { cycleId, period: 'Q1' })
      return r.ok() ? r.json() : null
    }, { tries: 120, what: 'the cycle reaching evidence-service' })
    assessmentId = body.id
    const line = body.lines.find((l) => l.title.includes(ITEM_TITLE))
    assert.ok(line, `the unit has the item ${ITEM_TITLE}`)
    itemCode = line.itemCode
    // Every other item is filled in through the API: the journey is about one item.
    const others = body.lines.filter((l) => l.itemCode !== itemCode).map((l) => ({
      itemCode: l.itemCode, selfScore: Number(l.points), statement: '已按要求完成',
      measured: Object.fromEntries((l.measures || []).map((m) => [m.name, sampleValue(m.kind, m.name)])),
    }))
    const saved = await sessionSend(reporter.context, 'PUT', `/api/evidence/self-assessments/${assessmentId}/draft`,
      { draftVersion: body.draftVersion, lines: others })
    assert.equal(saved.status(), 200, await saved.text())

    const page = reporter.page
    await page.click('nav >> text=自评与审核')
    await page.waitForSelector('[data-test="open-form"]')
    await page.locator('[data-test="open-cycle"]').click()
    await page.click(`.el-select-dropdown__item:visible:has-text("${cycleId}")`)
    await page.click('[data-test="open-submit"]')
    await page.waitForURL(new RegExp(`#/assessments/${assessmentId}$`))
    await page.waitForSelector(`[data-item="${itemCode}"]`)
    assert.ok(await page.locator('[data-test="line"]').count() === body.lines.length)
    assert.match(await page.textContent('.group-title >> nth=0'), /职能职责/)
    assert.equal((await page.textContent('[data-test="status"]')).trim(), '草稿')
  })

  it('keeps the self-score within the item’s points', async () => {
    const page = reporter.page
    const line = page.locator(`[data-item="${itemCode}"]`)
    await line.locator('[data-test="self-score"] input').fill('9')
    await line.locator('[data-test="self-score"] input').blur()
    // Element Plus clamps to the maximum: the field keeps at most the item's points.
    assert.equal(await line.locator('[data-test="self-score"] input').inputValue(), '5.00')
  })

  it('fills in the item, uploads evidence with progress, and the draft saves itself', async () => {
    const page = reporter.page
    const line = page.locator(`[data-item="${itemCode}"]`)
    await line.locator('[data-test="self-score"] input').fill('4.5')
    await line.locator('[data-test="measure-score"] input').fill('4.5')
    await page.getByLabel(`${itemCode} 评分理由`).fill('驻村帮扶任务全部完成')
    await page.getByLabel(`${itemCode} 完成情况说明`).fill('选派驻村干部2名，全年驻村帮扶320天，落实帮扶项目3个。')
    await page.waitForSelector('[data-test="autosave"]:has-text("已于")', { timeout: 30_000 })
    await line.locator('[data-test="evidence-input"]').setInputFiles({
      name: '驻村帮扶工作台账.txt', mimeType: 'text/plain',
      buffer: Buffer.from('驻村帮扶工作台账\n'.repeat(20000)),
    })
    await line.locator('[data-test="evidence-file"]:has-text("驻村帮扶工作台账.txt")').waitFor()
    await screenshot(page, '10-self-assessment')
    const saved = await (await reporter.context.request.get(`${BASE_URL}/api/evidence/self-assessments/${assessmentId}`)).json()
    const item = saved.lines.find((l) => l.itemCode === itemCode)
    assert.equal(Number(item.selfScore), 4.5)
    assert.match(item.statement, /驻村干部2名/)
    assert.equal(item.evidence.length, 1)
  })

  it('says at the file why a file is refused', async () => {
    const page = reporter.page
    const line = page.locator(`[data-item="${itemCode}"]`)
    await line.locator('[data-test="evidence-input"]').setInputFiles({
      name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0),
    })
    await line.locator('[data-test="upload-error"]').waitFor()
    const said = await line.locator('[data-test="upload-error"]').textContent()
    assert.match(said, /空|empty/)
    reporter.problems.forgive(/status of 4\d\d/)
  })

  it('the reporter prepares it and the unit head signs it off', async () => {
    const page = reporter.page
    await page.click('[data-test="prepare"]')
    await page.waitForSelector('[data-test="status"]:has-text("待签发")')

    await logIn(head.page, 'head.zjfy')
    head.problems.reset()
    await head.page.goto(`${BASE_URL}/#/assessments/${assessmentId}`)
    await head.page.waitForSelector('[data-test="sign-off"]')
    await screenshot(head.page, '11-sign-off')
    await head.page.click('[data-test="sign-off"]')
    await head.page.waitForSelector('[data-test="status"]:has-text("已报送")')
  })

  it('the department sees the submitted item and must say why when it returns it', async () => {
    await logIn(reviewer.page, 'reviewer.fpymj')
    reviewer.problems.reset()
    const page = reviewer.page
    await page.click('nav >> text=自评与审核')
    await page.locator('[data-test="assessments"] a', { hasText: '市中级法院' }).first().waitFor()
    await page.goto(`${BASE_URL}/#/assessments/${assessmentId}`)
    await page.waitForSelector('[data-test="decide"]')
    // The department sees only the items it assesses.
    assert.equal(await page.locator('[data-test="line"]').count(), 1)
    const line = page.locator(`[data-item="${itemCode}"]`)
    await line.locator('[data-test="return"]').click()
    await page.click('[data-test="review-submit"]')
    const error = line.locator('.el-form-item__error')
    await error.waitFor()
    assert.ok((await error.textContent()).trim().length > 0, 'the API’s message is shown at the comment')
    reviewer.problems.forgive(/status of 400/)
    await page.getByLabel(`${itemCode} 审核意见`).fill('缺少驻村干部考勤记录，请补充上传。')
    await page.click('[data-test="review-submit"]')
    await line.locator('[data-test="review-status"]:has-text("已退回")').waitFor()
    await screenshot(page, '12-review-returned')
  })

  it('the unit sees the returned item highlighted with the comment, fixes it and signs off again', async () => {
    const page = reporter.page
    await page.reload()
    await page.waitForSelector('[data-test="returned-banner"]')
    const line = page.locator(`[data-item="${itemCode}"].line-returned`)
    await line.waitFor()
    assert.match(await line.locator('[data-test="return-comment"]').textContent(), /考勤记录/)
    await screenshot(page, '13-returned')
    await line.locator('[data-test="evidence-input"]').setInputFiles({
      name: '驻村干部考勤记录.txt', mimeType: 'text/plain', buffer: Buffer.from('2015年第一季度驻村干部考勤记录\n'),
    })
    await line.locator('[data-test="evidence-file"]:has-text("驻村干部考勤记录.txt")').waitFor()
    await page.getByLabel(`${itemCode} 完成情况说明`).fill('选派驻村干部2名，全年驻村帮扶320天，落实帮扶项目3个；补充考勤记录。')
    await page.click('[data-test="prepare"]')
    await page.waitForSelector('[data-test="status"]:has-text("待签发")')
    await head.page.reload()
    await head.page.click('[data-test="sign-off"]')
    await head.page.waitForSelector('[data-test="status"]:has-text("已报送")')
  })

  it('the department accepts the corrected item', async () => {
    const page = reviewer.page
    await page.reload()
    const line = page.locator(`[data-item="${itemCode}"]`)
    await line.locator('[data-test="accept"]').click()
    await page.click('[data-test="review-submit"]')
    await line.locator('[data-test="review-status"]:has-text("已通过")').waitFor()
    const view = await (await reviewer.context.request.get(`${BASE_URL}/api/evidence/self-assessments/${assessmentId}`)).json()
    assert.equal(view.submittedVersion, 2)
    assert.equal(view.lines.find((l) => l.itemCode === itemCode).reviewStatus, 'ACCEPTED')
  })

  it('the office sees the unit in the results table, filters by category and exports it as .xlsx', async () => {
    const page = office.page
    office.problems.reset()
    await page.goto(`${BASE_URL}/#/results?cycle=${encodeURIComponent(cycleId)}`)
    const row = page.locator('[data-test="results"] .el-table__row', { hasText: '市中级法院' })
    await row.waitFor()
    assert.match(await page.textContent('[data-test="results-title"]'), new RegExp(cycleId))
    await page.locator('[data-test="results-category"]').click()
    await page.locator('.el-select-dropdown__item:visible').first().click()
    assert.equal(await page.locator('[data-test="results-group"]').count(), 1)
    await row.waitFor()
    await screenshot(page, '14-results')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test="export"]')])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const file = await download.path()
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(file))
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx is a zip')
  })

  // 加分申报 on the same open cycle: the unit's item 开展“司法公信提升年”活动 gives 2 points per completed item.
  it('the reporter applies for a bonus with its evidence, the office reads it, and the reporter withdraws it', async () => {
    const page = reporter.page
    await page.goto(`${BASE_URL}/#/bonus?cycle=${encodeURIComponent(cycleId)}`)
    await page.locator('[data-test="bonus-items"] .el-table__row', { hasText: '司法公信提升年' }).waitFor()
    await page.locator('[data-test="bonus-item"]').click()
    await page.click('.el-select-dropdown__item:visible:has-text("司法公信提升年")')
    await page.locator('[data-test="bonus-item-rule"]:has-text("每完成一项计2分")').waitFor()
    await page.locator('input[data-test="bonus-matter"]').fill('司法作风专项治理')
    await page.locator('input[data-test="bonus-count"]').fill('1')
    await page.locator('textarea[data-test="bonus-reason"]').fill('开展司法作风专项治理，形成整改台账并通报')
    await page.locator('[data-test="bonus-worth"]:has-text("2")').waitFor()
    // No evidence yet: the form says so at the field, nothing is sent.
    await page.click('[data-test="bonus-file"]')
    await page.locator('.el-form-item__error:has-text("佐证材料")').waitFor()
    await page.locator('[data-test="bonus-file-input"]').setInputFiles({
      name: '司法作风专项治理通报.txt', mimeType: 'text/plain', buffer: Buffer.from('司法作风专项治理情况通报\n'.repeat(50)),
    })
    await page.locator('[data-test="bonus-evidence-file"]:has-text("司法作风专项治理通报.txt")').waitFor()
    // scoring learns of the file from evidence-service's EvidenceAdded (Kafka): until then it says the file is unknown.
    const filed = await eventually(async () => {
      await page.click('[data-test="bonus-file"]')
      await page.waitForTimeout(1500)
      const list = await (await reporter.context.request.get(`${BASE_URL}/api/scoring/cycles/${encodeURIComponent(cycleId)}/bonus-applications`)).json()
      return Array.isArray(list) && list.length ? list[0] : null
    }, { tries: 30, what: 'the evidence file reaching scoring' })
    reporter.problems.forgive(/status of 400/)
    assert.equal(filed.state, 'SUBMITTED')
    assert.equal(Number(filed.points), 2)
    await page.locator(`[data-test="bonus-state-${filed.id}"]:has-text("待认定")`).waitFor()
    await screenshot(page, '15-bonus-application')

    office.problems.reset()
    await office.page.goto(`${BASE_URL}/#/bonus?cycle=${encodeURIComponent(cycleId)}`)
    await office.page.locator('[data-test="bonus-applications"] .el-table__row', { hasText: '司法作风专项治理' }).waitFor()
    assert.equal(await office.page.locator(`[data-test="bonus-accept-${filed.id}"]`).count(), 0, 'the office reads, the department answers')

    await page.click(`[data-test="bonus-withdraw-${filed.id}"]`)
    await page.locator(`[data-test="bonus-state-${filed.id}"]:has-text("已撤回")`).waitFor()
  })

  it('had no console errors on the portal’s pages', () => {
    for (const b of [office, reporter, head, reviewer]) assert.deepEqual(b.problems.list, [])
  })
})
