// The mid-year inspection (阶段性考核) and the office's chase, on a compressed cycle of their own
// (cycle-setup.mjs) left to its clock: nobody submits Q1, so the office is asked to chase the late
// units; in July the inspection team is asked for its findings. In the browser inspector.1 opens
// 市纪委's inspection from the inbox, adds a finding on an item with a proposed deduction and two
// photos taken on site (one removed again), finds the half-entered form intact after a reload (the
// task's draft), is told at the field that the problem is missing, and submits; the deduction then
// stands in scoring's score sheet and workflow has issued a rectification notice. The office
// records its one chase of the units late with Q1 (市纪委 and 市中级法院, listed in its form) once. Both pages at 1366x768 and
// on a tablet (768x1024).
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'
import { SJW, ZJFY, cycleAtInspection, awaitTask, expect, until, tasks, TIMER_TASK_WAIT } from './cycle-setup.mjs'

const INSPECTION = 'UserTask_RecordInspectionFindings'
const CHASE = 'UserTask_ChaseLateUnits'
const PROBLEM = '第二党支部三会一课记录不全，党员活动室未按要求公示'

/** A small real PNG (a w×h block of one colour), so the evidence service recognizes it by its bytes. */
function png(w, h, [r, g, b]) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const byte of buf) c = table[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(w, 0)
  header.writeUInt32BE(h, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB
  const rows = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) rows.set([r, g, b], y * (w * 3 + 1) + 1 + x * 3)
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/** Nothing wider than the window: no sideways scrolling on a tablet. */
async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
}

/** A text field by its data-test (Element Plus puts the attribute on the input or textarea itself). */
const field = (scope, test) => scope.locator(`textarea[data-test="${test}"], input[data-test="${test}"]`).first()

const fieldError = (page, test) => page.locator('.el-form-item', { has: page.locator(`[data-test="${test}"]`) })
  .locator('.el-form-item__error')

describe('the inspection team records its findings and the office chases a late unit', () => {
  let cycle
  let sjwTask
  let zjfyTask
  let inspector
  let office

  before(async () => {
    cycle = await cycleAtInspection()
    sjwTask = await awaitTask('inspector.1', cycle.cycleId, INSPECTION, SJW, null, TIMER_TASK_WAIT)
    zjfyTask = await awaitTask('inspector.1', cycle.cycleId, INSPECTION, ZJFY, null)
    inspector = await openBrowser()
  })
  after(async () => {
    for (const b of [inspector, office]) await b?.close()
  })

  it('opens 市纪委’s inspection from the inbox in the findings form', async () => {
    const page = inspector.page
    await logIn(page, 'inspector.1')
    inspector.problems.reset()
    // The menu leads to the inspection page; the inbox's 办理 opens the task there.
    assert.equal(await page.locator('nav a[href="#/inspections"]').count(), 1)
    await page.locator('.count', { hasText: '记录检查发现' }).click()
    await page.click(`[data-test="handle-${sjwTask.id}"]`)
    await page.waitForURL(new RegExp(`#/inspections\\?task=${sjwTask.id}`), { waitUntil: 'commit' })
    const form = page.locator('[data-test="findings-form"]')
    await form.waitFor()
    assert.match(await page.textContent('[data-test="form-unit"]'), /市纪委/)
    // The day defaults to the cycle's inspection day (July).
    assert.match(await page.inputValue('[data-test="findings-form"] .date input'), new RegExp(`^${cycle.year}-07-`))
  })

  it('enters a finding with a deduction and photos, and the draft survives a reload', async () => {
    const page = inspector.page
    await field(page, 'summary').fill( '听取汇报、座谈，实地查看党员活动室，查阅组织生活记录')
    await page.click('[data-test="add-finding"]')
    const finding = page.locator('[data-test="finding-0"]')
    await finding.locator('[data-test="item"]').first().click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: `${cycle.items.perIncident} 党员发展和组织生活` }).click()
    await finding.locator('[data-test="source"]').first().click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '实地考察' }).click()
    await field(finding, 'deduction').fill('0.5')
    // Points as the offices write them: 0.5, not 0.50.
    assert.match(await page.textContent('[data-test="total-deduction"]'), /(?<![\d.])0\.5(?![\d])/)

    // Two photos taken on site, uploaded as the unit's evidence with progress; the second is dropped again.
    await finding.locator('[data-test="photo-input"]').setInputFiles([
      { name: '党员活动室.png', mimeType: 'image/png', buffer: png(24, 16, [200, 30, 30]) },
      { name: '公示栏.png', mimeType: 'image/png', buffer: png(16, 24, [30, 30, 200]) },
    ])
    await until('both photos uploaded', 60_000, async () => (await finding.locator('[data-test="photo"]').count()) === 2)
    // The thumbnails are the evidence service's content, shown as images.
    await until('the thumbnails drawn', 30_000, () => finding.locator('[data-test="photo"] img').evaluateAll(
      (imgs) => imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth > 0)))
    await finding.locator('[data-test="photo"]', { hasText: '公示栏.png' }).locator('[data-test="remove-photo"]').click()
    assert.equal(await finding.locator('[data-test="photo"]').count(), 1)

    // Saved as typed: after a reload the half-entered inspection is all there.
    await page.locator('[data-test="draft-state"]', { hasText: '草稿已保存' }).waitFor()
    const saved = await expect(200, 'inspector.1', 'GET', `/api/workflow/tasks/${sjwTask.id}/draft`)
    assert.equal(saved.form.findings[0].evidence.length, 1)
    await page.reload()
    await page.locator('[data-test="findings-form"]').waitFor()
    const again = page.locator('[data-test="finding-0"]')
    await again.locator('[data-test="photo"]').waitFor()
    assert.equal(await again.locator('[data-test="photo"]').count(), 1)
    assert.equal(await field(again, 'deduction').inputValue(), '0.5')
    assert.match(await again.textContent(), new RegExp(`${cycle.items.perIncident} 党员发展和组织生活`))
    assert.match(await field(page, 'summary').inputValue(), /党员活动室/)
  })

  it('says at the field that the problem is missing, then submits the findings', async () => {
    const page = inspector.page
    await page.click('[data-test="submit-findings"]')
    const error = fieldError(page, 'problem')
    await error.waitFor()
    assert.equal((await error.textContent()).trim(), '必填')
    assert.ok(await page.locator('[data-test="finding-0"]').isVisible())

    await field(page.locator('[data-test="finding-0"]'), 'problem').fill(PROBLEM)
    await error.waitFor({ state: 'hidden' }) // fixed: the message goes as the field is typed
    await screenshot(page, 'inspection-findings')
    await page.setViewportSize({ width: 768, height: 1024 })
    await page.locator('[data-test="findings-form"]').waitFor()
    assert.ok(await fitsWidth(page), 'the findings form fits a tablet')
    await screenshot(page, 'inspection-findings-tablet')
    await page.setViewportSize({ width: 1366, height: 768 })

    await page.click('[data-test="submit-findings"]')
    await page.locator('.el-message--success').waitFor()
    await page.locator('[data-test="inspection-tasks"]').waitFor()
    await page.locator(`[data-test="record-${sjwTask.id}"]`).waitFor({ state: 'detached' }) // 市纪委’s inspection is done
    assert.equal(await page.locator(`[data-test="record-${zjfyTask.id}"]`).count(), 1, '市中级法院’s is still open')
    await screenshot(page, 'inspection-list')
    assert.deepEqual(inspector.problems.list, [])
  })

  it('puts the deduction in 市纪委’s score sheet and issues a rectification notice', async () => {
    const item = await until('the deduction in the score sheet', 120_000, async () => {
      const sheet = await expect(200, 'office', 'GET', `/api/scoring/cycles/${cycle.cycleId}/units/${SJW}/sheet`)
      const found = sheet.sections.flatMap((s) => s.items).find((i) => i.itemCode === cycle.items.perIncident)
      return found && found.deductions.some((d) => d.reason === PROBLEM) ? found : null
    })
    const line = item.deductions.find((d) => d.reason === PROBLEM)
    assert.equal(Number(line.points), 0.5)
    assert.match(line.source, /^实地考察/)
    assert.ok(JSON.stringify(line).includes('inspector.1'), 'recorded in the inspector’s name')

    const notice = await until('the rectification notice', 120_000, async () => {
      const list = await expect(200, 'office', 'GET', `/api/workflow/rectifications?cycleId=${cycle.cycleId}`)
      return list.find((r) => r.unitCode === SJW && r.kind === 'INSPECTION_NOTICE')
    })
    assert.equal(notice.noticeProblems.length, 1)
    assert.equal(notice.noticeProblems[0].description, PROBLEM)

    // Both photos became the unit's evidence, uploaded by the inspector for the finding's item (the one
    // removed from the finding stays stored: an inspector withdraws nothing).
    const files = await expect(200, 'office', 'GET', `/api/evidence/units/${SJW}/files?cycleId=${cycle.cycleId}`)
    const photos = files.filter((f) => f.uploadedBy === 'inspector.1')
    assert.deepEqual(photos.map((f) => f.contentType), ['image/png', 'image/png'])
    assert.ok(photos.every((f) => f.itemCodes.includes(cycle.items.perIncident)))
    assert.deepEqual(await tasks('inspector.1', cycle.cycleId, INSPECTION, SJW), [])
  })

  it('lets the office record its one chase of the units late with Q1, listing both', async () => {
    // One chase for the period, listing every unit late with it: both units, as neither submitted Q1.
    const chase = await until('one chase of Q1 listing both units', TIMER_TASK_WAIT, async () => {
      const found = await tasks('office', cycle.cycleId, CHASE, null, 'Q1')
      return found.length === 1 && found[0].chase && found[0].chase.unitCount === 2 ? found[0] : null
    })
    assert.equal(chase.chase.kind, 'LATE_SUBMISSION')
    const calendar = await expect(200, 'office', 'GET', `/api/workflow/cycles/${cycle.cycleId}`)
    const q1 = calendar.calendar.find((d) => d.what === 'Q1')
    office = await openBrowser({ width: 768, height: 1024 })
    const page = office.page
    await logIn(page, 'office')
    office.problems.reset()
    // Only this type and Q1: other cycles on the same platform have late units too.
    await page.locator('.count', { hasText: '督促逾期单位' }).click()
    await page.locator('.filters .el-select').nth(2).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '第一季度' }).click()
    await page.click(`[data-test="handle-${chase.id}"]`)
    await page.waitForURL(new RegExp(`#/chases\\?task=${chase.id}`), { waitUntil: 'commit' })
    const dialog = page.locator('[data-test="chase-form"]')
    await dialog.locator('[data-test="chase-facts"]').waitFor()
    const facts = await dialog.locator('[data-test="chase-facts"]').textContent()
    assert.match(facts, /第一季度|Q1/)
    assert.equal((await dialog.locator('[data-test="missed"]').textContent()).trim(), '未按期提交自评')
    const units = dialog.locator('[data-test="late-units"]')
    await units.locator(`[data-test="late-unit-${ZJFY}"]`).waitFor()
    assert.match(await units.locator(`[data-test="late-unit-${ZJFY}"]`).textContent(), /市中级法院/)
    assert.match(await units.locator(`[data-test="late-unit-${SJW}"]`).textContent(), /市纪委/)
    // The missed day is Q1's due day on the cycle's calendar (the due moment, shown as the calendar's day).
    const [y, m, d] = q1.due.split('-')
    assert.match(await units.locator('[data-test="missed-deadline"]').first().textContent(), new RegExp(`${y}/${m}/${d}`))
    assert.ok(await fitsWidth(page), 'the chase form fits a tablet')

    await dialog.locator('[data-test="submit-chase"]').click()
    const error = fieldError(page, 'note')
    await error.waitFor()
    assert.equal((await error.textContent()).trim(), '必填')
    await field(dialog, 'note').fill('已电话督促，单位承诺3日内签发第一季度自评')
    await error.waitFor({ state: 'hidden' })
    await field(dialog, 'contacted').fill('办公室主任')
    await screenshot(page, 'chase-form')
    await dialog.locator('[data-test="submit-chase"]').click()
    await page.locator('.el-message--success').waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await until('the chase task done', 30_000,
      async () => !(await tasks('office', cycle.cycleId, CHASE, null, 'Q1')).some((t) => t.id === chase.id))
    const history = await expect(200, 'office', 'GET', `/api/workflow/tasks/${chase.id}/history`)
    assert.ok(JSON.stringify(history).includes('office'), 'the completion is recorded in the office’s name')
    await screenshot(page, 'chase-list')
    assert.deepEqual(office.problems.list, [])
  })
})
