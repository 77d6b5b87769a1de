// A unit's inbox: the office opens a cycle on a published version for one unit (through its own
// session, as the portal will), then the unit's reporter logs in and sees the cycle's tasks with
// their due dates, the overdue ones marked, counted and filterable. The office, chasing the late
// unit, claims a chase task, gives it back, claims it again and is refused passing it to itself
// (the refusal at the field); once it completes the chase, its 已办 tab lists it as done late.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, sessionPost } from './browser.mjs'
import { awaitTask, expect as expectApi } from './cycle-setup.mjs'

// The office's one chase of the period's late units (here the cycle's one unit).
const CHASE = 'UserTask_ChaseLateUnits'

const cycleId = `e2e-${Date.now()}`

describe('a unit’s inbox', () => {
  let office
  let reporter

  before(async () => {
    office = await openBrowser()
    reporter = await openBrowser()
  })
  after(async () => {
    await office?.close()
    await reporter?.close()
  })

  it('has the cycle the office opened, its past quarters overdue', async () => {
    await logIn(office.page, 'office')
    const versions = await (await office.context.request.get(BASE_URL + '/api/rubric/versions')).json()
    const published = versions.find((v) => v.status === 'PUBLISHED')
    assert.ok(published, 'a published rubric version (the demo data publishes seed 001’s targets)')
    // A past year on the real clock: every quarter is already due.
    const opened = await sessionPost(office.context, '/api/workflow/cycles', {
      cycleId, year: 2015, title: `浏览器测试考核年度 ${cycleId}`, rubricVersionId: published.id,
      units: [{ unitCode: 'bz-zjfy', unitName: '市中级法院', category: 'party-dept' }],
    })
    assert.equal(opened.status(), 201, await opened.text())

    await logIn(reporter.page, 'reporter.zjfy')
    reporter.problems.reset()
    const page = reporter.page
    await page.waitForSelector('[data-test="tasks"] .el-table__row')
    // The tasks appear as the process reaches them.
    await page.waitForFunction(() => document.querySelectorAll('[data-test="tasks"] .row-overdue').length >= 4,
      null, { timeout: 30_000, polling: 1000 }).catch(async () => {
      await page.click('text=刷新')
      await page.waitForSelector('[data-test="tasks"] .row-overdue')
    })
    assert.ok(await page.locator('[data-test="tasks"] .row-overdue').count() >= 1)
    assert.match(await page.textContent('[data-test="tasks"]'), /已逾期/)
    assert.match(await page.textContent('[data-test="overdue-total"]'), /逾期 \d+/)
    assert.match(await page.textContent('[data-test="who"]'), /市中级法院|bz-zjfy/)
    await screenshot(page, '08-unit-inbox')
  })

  it('filters to the overdue tasks only', async () => {
    const page = reporter.page
    await page.locator('.el-select', { has: page.locator('input[aria-label="逾期情况"]') }).click()
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/workflow/tasks?') && r.url().includes('overdue=true')),
      page.click('.el-select-dropdown__item:visible:has-text("仅逾期")'),
    ])
    await page.waitForTimeout(300)
    const rows = await page.locator('[data-test="tasks"] .el-table__row').count()
    assert.ok(rows >= 1)
    assert.equal(await page.locator('[data-test="tasks"] .row-overdue').count(), rows)
  })

  it('had no console errors on the portal’s pages', () => {
    assert.deepEqual(reporter.problems.list, [])
  })

  let chase
  it('lets the office claim a chase, give it back, and shows a refused delegation at the field', async () => {
    chase = await awaitTask('office', cycleId, CHASE, null, 'Q1', 120_000)
    assert.equal(chase.chase.unitCount, 1)
    const page = office.page
    await page.goto(BASE_URL + '/#/inbox')
    await page.reload() // the page was open since before the chase tasks existed
    office.problems.reset()
    await page.locator('.count', { hasText: '督促逾期单位' }).click()
    await page.locator('.filters .el-select').nth(2).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '第一季度' }).click()
    const row = page.locator('[data-test="tasks"] .el-table__row', { has: page.locator(`[data-test="handle-${chase.id}"]`) })
    await row.getByRole('button', { name: '认领' }).click()
    const unclaim = page.locator(`[data-test="unclaim-${chase.id}"]`)
    await unclaim.waitFor()
    assert.equal(await unclaim.getAttribute('aria-label'), '退回公共任务：督促逾期单位')
    assert.equal((await expectApi(200, 'office', 'GET', `/api/workflow/tasks/${chase.id}`)).task.assignee, 'office')

    await unclaim.click()
    await row.getByRole('button', { name: '认领' }).waitFor()
    assert.equal((await expectApi(200, 'office', 'GET', `/api/workflow/tasks/${chase.id}`)).task.assignee, null)

    await row.getByRole('button', { name: '认领' }).click()
    await page.locator(`[data-test="delegate-${chase.id}"]`).click()
    const dialog = page.locator('.el-dialog', { hasText: '转办给同事' })
    await dialog.waitFor()
    const error = dialog.locator('.el-form-item__error')
    await dialog.locator('[data-test="delegate-send"]').click()
    assert.equal((await error.textContent()).trim(), '请填写同事的用户名')
    await dialog.getByRole('textbox', { name: '同事用户名' }).fill('office')
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/workflow/tasks/${chase.id}/delegate`) && r.status() === 400),
      dialog.locator('[data-test="delegate-send"]').click(),
    ])
    await page.waitForFunction(() => /委派给自己/.test(document.querySelector('.el-dialog .el-form-item__error')?.textContent || ''))
    assert.match(await error.textContent(), /不能把任务委派给自己/)
    office.problems.forgive(/status of 400 .*\/delegate\)$/) // the refusal the test asked for
    await screenshot(page, 'inbox-delegate-refused')
    await dialog.getByRole('button', { name: '取消' }).click()
    // Still the office's: the refusal changed nothing.
    assert.equal((await expectApi(200, 'office', 'GET', `/api/workflow/tasks/${chase.id}`)).task.assignee, 'office')
  })

  it('lists the chase the office completed in its 已办 tab, on time or not as its due date says', async () => {
    const page = office.page
    const done = await sessionPost(office.context, `/api/workflow/tasks/${chase.id}/complete`,
      { note: '已电话督促，单位承诺3日内签发', contacted: '办公室主任' })
    assert.equal(done.status(), 200, await done.text())
    await page.getByRole('tab', { name: '已办' }).click()
    const row = page.locator('[data-test="done"] .el-table__row', { hasText: cycleId }).first()
    await row.waitFor()
    const text = await row.textContent()
    assert.match(text, /督促逾期单位/)
    assert.match(text, /第一季度/)
    const listed = (await expectApi(200, 'office', 'GET', `/api/workflow/tasks/done?cycleId=${cycleId}`)).tasks
      .find((t) => t.id === chase.id)
    assert.ok(listed, 'the API lists the completed chase')
    assert.match(text, listed.due ? (listed.onTime ? /按期办结/ : /逾期办结/) : /无期限/)
    await screenshot(page, 'inbox-done')
    assert.deepEqual(office.problems.list, [])
  })
})
