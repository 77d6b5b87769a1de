// The office keeps a unit list in the roster, opens a cycle for it in one choice less an exception
// (the calendar's first quarter set by hand, the rest seed 003's), is told at the fields what the API
// refuses, and watches who has not submitted.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, downloadWorkbook } from './browser.mjs'

const cycleId = `e2e-oc-${Date.now()}`
const listCode = `e2e-list-${Date.now().toString(36)}`
const listName = `浏览器测试名单 ${listCode}`

describe('the office opens a cycle and monitors it', () => {
  let office

  before(async () => {
    office = await openBrowser()
  })
  after(async () => {
    await office?.close()
  })

  it('keeps a list of two units in the roster', async () => {
    await logIn(office.page, 'office')
    office.problems.reset()
    const page = office.page
    await page.click('nav >> text=名册')
    await page.click('.el-tabs__item:has-text("单位名单")')
    await page.click('[data-test="list-add"]')
    const dialog = page.locator('[data-test="list-dialog"]')
    await dialog.locator('[data-test="list-code"]').fill(listCode)
    await dialog.locator('[data-test="list-save"]').click()
    await dialog.locator('.el-form-item__error').first().waitFor() // name and units are missing: said at the fields
    assert.equal(await dialog.locator('.el-form-item__error').count(), 2)
    await dialog.locator('[data-test="list-name"]').fill(listName)
    for (const unit of ['市纪委', '市中级法院']) {
      await dialog.locator('[data-test="list-units"]').click()
      await page.keyboard.type(unit)
      await page.locator('.el-select-dropdown__item:visible', { hasText: unit }).first().click()
      // the list stays open for more units: clicking another field closes it
      await dialog.locator('[data-test="list-name"]').click()
      await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    }
    await dialog.locator('[data-test="list-save"]').click()
    const row = page.locator('[data-test="roster-lists"] .el-table__row', { hasText: listCode })
    await row.waitFor()
    assert.match(await row.textContent(), /市纪委.*市中级法院/)
    await screenshot(page, '19-unit-list')
  })

  it('is told at each field what the API refuses', async () => {
    const page = office.page
    await page.click('nav >> text=考核年度')
    await page.waitForSelector('[data-test="cycles"]')
    await page.click('[data-test="open-cycle"]')
    await page.locator('[data-test="cycle-version"]').waitFor()
    await page.click('[data-test="open-submit"]')
    const dialog = page.locator('[data-test="open-dialog"]')
    const titleError = dialog.locator('.el-form-item', { has: page.getByLabel('名称', { exact: true }) }).locator('.el-form-item__error')
    await titleError.waitFor()
    assert.ok((await titleError.textContent()).trim().length > 0)
    assert.ok(await dialog.locator('.el-form-item__error').count() >= 3, 'title, rubric version and units are each refused at their field')
    office.problems.forgive(/status of 400 .*\/api\/workflow\/cycles\)$/)
  })

  it('opens the cycle with its calendar', async () => {
    const page = office.page
    const dialog = page.locator('[data-test="open-dialog"]')
    await page.getByLabel('名称', { exact: true }).fill(`浏览器测试 年度 ${cycleId}`)
    await page.getByLabel('年度编号').fill(cycleId)
    const year = page.getByLabel('年度', { exact: true })
    await year.fill('2025')
    await page.locator('[data-test="cycle-version"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '2015' }).first().click()
    await page.locator('[data-test="cycle-unit-list"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: listName }).first().click()
    assert.match(await page.textContent('[data-test="cycle-picked"]'), /将开启 2 个单位/)
    await page.locator('[data-test="cycle-except"]').click()
    await page.keyboard.type('市中级法院')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '市中级法院' }).first().click()
    await page.keyboard.press('Escape')
    assert.match(await page.textContent('[data-test="cycle-picked"]'), /将开启 1 个单位/)
    await dialog.getByLabel('第一季度 开始').fill('2025-01-01')
    await page.keyboard.press('Enter')
    await dialog.getByLabel('第一季度 截止').fill('2025-04-15')
    await page.keyboard.press('Enter')
    await dialog.locator('[data-test="cycle-publicity-days"] input').fill('10')
    await screenshot(page, '20-open-cycle')
    await page.click('[data-test="open-submit"]')
    await page.waitForURL(new RegExp(`#/cycles/${cycleId}$`))
    const q1 = page.locator('[data-test="calendar"] .el-table__row', { hasText: '第一季度自评' })
    await q1.waitFor()
    assert.match(await q1.textContent(), /2025-01-01.*2025-04-15/)
    assert.equal((await page.textContent('[data-test="cycle-publicity-days"]')).trim(), '10个工作日')
    // Where the cycle stands, in words: never the model's activity id.
    assert.equal((await page.locator('[data-test="cycle-stage"]').textContent()).trim(), '进行中')
  })

  it('shows who has not submitted', async () => {
    const page = office.page
    // scoring hears of the cycle through Kafka: the unit is listed once it has.
    const row = page.locator('[data-test="progress"] .el-table__row', { hasText: '市纪委' })
    for (let i = 0; i < 60 && !(await row.count()); i++) {
      await page.waitForTimeout(1000)
      await page.click('text=刷新')
      await page.waitForLoadState('networkidle')
    }
    await row.waitFor()
    assert.match(await row.textContent(), /未填报/)
    assert.match(await page.textContent('[data-test="missing-Q1"]'), /未报送 1/)
    await page.click('[data-test="only-missing"]')
    assert.equal(await page.locator('[data-test="progress"] .el-table__row').count(), 1)
    // The list the office chases from, as a workbook: the unit that has not submitted, with its category.
    const workbook = await downloadWorkbook(page, '[data-test="non-submitters-export"]')
    for (const column of ['被考核单位', '单位类别', '期间', '状态', '到期日']) {
      assert.ok(workbook.cells.includes(column), `the column ${column}: ${workbook.text.slice(0, 300)}`)
    }
    assert.match(workbook.text, /市纪委（监察局）/)
    await screenshot(page, '21-cycle-progress')
  })

  it('draws the cycle: the count of units at each step, and where one unit stands in words', async () => {
    const page = office.page
    await page.click('.el-tabs__item:has-text("流程图")')
    await page.click('[data-test="diagram-model-period-assessment"]')
    // the first quarter was due on 2025-04-15: the unit's self-assessment is overdue, its step marked red
    const badge = page.locator('[data-test="count-UserTask_SubmitSelfAssessment"]')
    await badge.waitFor()
    assert.equal((await badge.textContent()).trim(), '1')
    assert.match(await badge.getAttribute('class'), /overdue/)
    await page.locator('[data-test="diagram-unit"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '市纪委' }).first().click()
    // the year 2025 is over: all four quarters wait for the unit, the first one named here
    const line = page.locator('[data-test="position-UserTask_SubmitSelfAssessment"]', { hasText: '第一季度' })
    await line.waitFor()
    const text = await line.textContent()
    assert.match(text, /提交自评/)
    assert.match(text, /市纪委.*单位填报员/)
    assert.match(text, /逾期/)
    assert.doesNotMatch(await page.textContent('[data-test="cycle-diagram"]'), /UserTask_|CallActivity_|unit-reporter:|dept-reviewer:/)
    await screenshot(page, '22-cycle-diagram')
  })

  it('had no console errors on the portal’s pages', () => {
    assert.deepEqual(office.problems.list, [])
  })
})
