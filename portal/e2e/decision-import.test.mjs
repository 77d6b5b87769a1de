// An assessing department's deduction list (扣分清单) from Excel: the reviewer of 市委组织部 opens
// “从Excel导入扣分” from the assessments list, downloads its template (only its own item of the cycle),
// uploads a workbook with a row on another department's item — the fault is shown at its row and nothing
// is recorded — then the corrected workbook: the preview shows each row's points, the confirmation records
// both rows at once, and uploading the same file again records nothing twice.
// Run against a running platform: PORTAL_BASE_URL=http://127.0.0.1:8080 node --test e2e/decision-import.test.mjs
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'
import { ITEMS, SJW, ZJFY, cycleAtInspection, expect } from './cycle-setup.mjs'

const xml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const COLUMNS = 'ABCDEFGHIJKL'

/** The template with rows written into its first sheet (扣分加分) as inline strings, as a person would fill it. */
function filled(template, rows) {
  const files = unzipSync(new Uint8Array(template))
  const name = 'xl/worksheets/sheet1.xml'
  const cells = rows.map((values, i) => {
    const r = i + 2
    const cs = values.map((v, c) => (v === null || v === undefined ? ''
      : `<c r="${COLUMNS[c]}${r}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`)).join('')
    return `<row r="${r}">${cs}</row>`
  }).join('')
  const sheet = strFromU8(files[name])
  assert.ok(sheet.includes('</sheetData>'), 'the template’s first sheet has its rows')
  files[name] = strToU8(sheet.replace('</sheetData>', cells + '</sheetData>'))
  return Buffer.from(zipSync(files))
}

describe('an assessing department imports its deduction list from Excel', () => {
  let cycle
  let browser
  let page
  let template

  before(async () => {
    cycle = await cycleAtInspection(Date.now().toString(36))
    browser = await openBrowser()
    page = browser.page
    await logIn(page, 'reviewer.swzzb')
    browser.problems.reset()
  })
  after(async () => {
    await browser?.close()
  })

  it('opens the import from the assessments list and downloads a template of its own items', async () => {
    await page.goto(BASE_URL + '/#/assessments')
    await page.locator('[data-test="decision-import-link"]').click()
    await page.waitForURL(/#\/decision-import/)
    await page.goto(`${BASE_URL}/#/decision-import?cycle=${encodeURIComponent(cycle.cycleId)}`)
    const link = page.locator('[data-test="decision-template"]')
    await link.waitFor()
    const href = await link.getAttribute('href')
    assert.match(href, new RegExp(`/decision-workbook$`))
    const download = await page.request.get(BASE_URL + href)
    assert.equal(download.status(), 200)
    template = await download.body()
    const files = unzipSync(new Uint8Array(template))
    const all = Object.entries(files).filter(([n]) => n.startsWith('xl/')).map(([, v]) => strFromU8(v)).join('\n')
    assert.ok(all.includes(ITEMS.perIncident), 'its own item is listed')
    assert.ok(!all.includes('干部驻村帮扶工作'), 'the other department’s item is not')
  })

  it('is shown a fault at its row, and nothing is recorded', async () => {
    const bad = filled(template, [
      [SJW, null, ITEMS.perIncident, null, '扣分', null, '1', null, '第二党支部三会一课记录不全', '县委巡察通报', '2025-07-15'],
      [ZJFY, null, ITEMS.judged, null, '扣分', '0.5', null, null, '驻村帮扶台账缺失', '督查通报'],
    ])
    await page.setInputFiles('[data-test="decision-file"]', { name: '扣分清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad })
    const table = page.locator('[data-test="decision-preview"]')
    await table.waitFor()
    const faults = page.locator('[data-test="decision-faults"]')
    await faults.first().waitFor()
    const text = await faults.first().innerText()
    assert.match(text, /第3行第3列/)
    assert.match(text, /sfpymj/)
    assert.ok(await page.locator('[data-test="decision-commit"]').isDisabled(), 'a faulty workbook cannot be imported')
    await screenshot(page, 'decision-import-fault')
    const decisions = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/units/${SJW}/items/${ITEMS.perIncident}/decisions`)
    assert.equal(decisions.length, 0)
  })

  it('previews the points of each row and records them all at once, and only once', async () => {
    const good = filled(template, [
      [SJW, null, ITEMS.perIncident, null, '扣分', null, '1', null, '第二党支部三会一课记录不全', '县委巡察通报', '2025-07-15'],
      [ZJFY, null, ITEMS.perIncident, null, '扣分', '0.5', null, null, '组织生活会未按期召开', '督查通报'],
    ])
    await page.setInputFiles('[data-test="decision-file"]', { name: '扣分清单-改.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good })
    await page.locator('[data-test="decision-summary"]').waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-test="decision-faults"]').length === 0)
    const rows = await page.locator('[data-test="decision-preview"] .el-table__body tr').allInnerTexts()
    assert.equal(rows.length, 2)
    assert.ok(rows.every((r) => r.includes('-0.5')), rows.join(' | '))
    await screenshot(page, 'decision-import-preview')
    await page.locator('[data-test="decision-commit"]').click()
    await page.locator('[data-test="decision-committed"]').waitFor()
    assert.match(await page.locator('[data-test="decision-committed"]').innerText(), /已导入 2 行/)
    for (const unit of [SJW, ZJFY]) {
      const decisions = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/units/${unit}/items/${ITEMS.perIncident}/decisions`)
      assert.equal(decisions.length, 1, unit)
    }

    // The same file again (a second click, a colleague's copy): nothing is recorded twice.
    await page.setInputFiles('[data-test="decision-file"]', { name: '扣分清单-改.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good })
    await page.locator('[data-test="decision-summary"]').waitFor()
    assert.match(await page.locator('[data-test="decision-summary"]').innerText(), /将记录 0 行，已导入过 2 行/)
    assert.ok(await page.locator('[data-test="decision-commit"]').isDisabled())
    const again = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/units/${SJW}/items/${ITEMS.perIncident}/decisions`)
    assert.equal(again.length, 1)
    assert.deepEqual(browser.problems.list, [])
  })
})
