// A unit's inbox: the office opens a cycle on a published version for one unit (through its own
// session, as the portal will), then the unit's reporter logs in and sees the cycle's tasks with
// their due dates, the overdue ones marked, counted and filterable.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, sessionPost } from './browser.mjs'

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
})
