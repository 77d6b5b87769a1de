// The audit administrator (审计管理员) reads what the platform recorded, changes nothing: a unit's reporter
// saves its notification settings (an audited write), the auditor (with a one-time code) verifies the SM3
// chain, finds the write by the reporter's name, opens the record (its own link in the chain checked) and
// exports the search as .xlsx, read back here.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot, sessionSend, downloadWorkbook } from './browser.mjs'

const PREFERENCES = '/api/notifications/preferences'

describe('the auditor reads the audit trail', () => {
  let reporter
  let auditor

  before(async () => {
    reporter = await openBrowser()
    await logIn(reporter.page, 'reporter.sjw')
    const saved = await sessionSend(reporter.page.context(), 'PUT', PREFERENCES, {
      emailEnabled: true, webhookEnabled: false, webhookFormat: 'GENERIC', digest: false, digestAt: '08:00', language: 'zh-CN',
    })
    assert.equal(saved.status(), 200, await saved.text())
    auditor = await openBrowser()
    await logIn(auditor.page, 'auditor')
  })
  after(async () => {
    await reporter?.close()
    await auditor?.close()
  })

  it('verifies the SM3 chain', async () => {
    const page = auditor.page
    auditor.problems.reset()
    await page.goto(`${BASE_URL}/#/audit`)
    await page.click('[data-test="audit-verify"]')
    await page.locator('[data-test="audit-chain-state"]', { hasText: '完整' }).waitFor({ timeout: 120_000 })
    assert.match(await page.textContent('[data-test="audit-chain-summary"]'), /已校验 \d+ 条/)
    assert.deepEqual(auditor.problems.list, [])
  })

  it('finds the reporter’s write and opens its record, its link in the chain checked', async () => {
    const page = auditor.page
    await page.locator('input[data-test="audit-user"], [data-test="audit-user"] input').fill('reporter.sjw')
    const rows = page.locator('[data-test="audit-records"] .el-table__body-wrapper .el-table__row')
    // The record travels outbox → Kafka → audit-service: asked again until it is there.
    for (let i = 0; i < 60; i++) {
      await page.click('[data-test="audit-search"]')
      await page.waitForTimeout(1000)
      if (await rows.filter({ hasText: `PUT ${PREFERENCES}` }).count()) break
    }
    const row = rows.filter({ hasText: `PUT ${PREFERENCES}` }).first()
    await row.waitFor()
    await row.locator('[data-test="audit-view"]').click()
    const drawer = page.locator('[data-test="audit-detail"]')
    await drawer.locator('[data-test="audit-link"]', { hasText: '本条记录的 SM3 链接校验通过' }).waitFor()
    assert.match(await drawer.locator('[data-test="audit-fields"]').textContent(), /reporter\.sjw/)
    await screenshot(page, 'audit-record')
    await page.keyboard.press('Escape')
    assert.deepEqual(auditor.problems.list, [])
  })

  it('exports the search as .xlsx with the write in it', async () => {
    const page = auditor.page
    const workbook = await downloadWorkbook(page, '[data-test="audit-export"]')
    assert.match(workbook.name, /\.xlsx$/)
    for (const column of ['序号', '时间', '用户', '角色', '类别', '操作']) {
      assert.ok(workbook.cells.includes(column), `the column ${column}: ${workbook.text.slice(0, 300)}`)
    }
    assert.ok(workbook.cells.includes('reporter.sjw'), 'the reporter’s records')
    assert.ok(workbook.cells.some((cell) => cell.includes(PREFERENCES)), `the write to ${PREFERENCES}: ${workbook.text.slice(0, 600)}`)
    assert.ok(!workbook.cells.includes('office'), 'only the searched person’s records')
  })
})
