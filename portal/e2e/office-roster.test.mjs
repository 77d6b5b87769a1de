// The office's year-start work on the rubric and the roster: a workbook imported (a broken one
// first, its fault located by sheet, row and column in words), validated, published, compared with
// the version it came from and copied into next year's draft; then a unit added to the roster (a
// taken code refused at its field), edited, seen in the history and deleted; the roster kept in Excel (exported,
// a broken workbook's faults located, a new category previewed as a difference and applied); a unit's reporter only
// reads the roster. Run against a running platform: PORTAL_BASE_URL=http://127.0.0.1:8080 node --test e2e/office-roster.test.mjs
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate'
import { BASE_URL, openBrowser, logIn, screenshot, sessionPost } from './browser.mjs'
import { XLSX_TYPE, xlsxBytes } from '../src/charts/xlsx.js'

const stamp = Date.now()
const code = `e2e-import-${stamp}`
/** A four-level system (the workbook layout of seed 004): 一级 / 二级 / 三级 / 考核内容. */
function system() {
  const leaf = (c, title, points, description, department) => ({
    code: c, title, points, appliesTo: [], assessingDepartments: [department], description,
    rule: { type: 'judged', wording: `${title}，根据完成情况计分` }, deadline: '12月底',
    acceptedEvidence: '提供文件、会议记录等资料', children: [],
  })
  const node = (c, title, points, children) => ({ code: c, title, points, appliesTo: [], assessingDepartments: [], children })
  return {
    code, year: 2025, title: `导入测试指标体系 ${stamp}`, source: 'e2e', categories: [], applicabilityWordings: {}, conversionNotes: [],
    roots: [node('1', '党的建设', 10, [node('1.1', '组织建设', 10, [node('1.1.1', '基层组织', 10, [
      leaf('1.1.1.1', '组织生活', 4, '按期召开组织生活会(4分)', 'swzzb'),
      leaf('1.1.1.2', '理论学习', 6, '开展理论学习不少于12次(6分)', 'swxcb'),
    ])])])],
  }
}

/** The workbook with one text of its indicator sheet replaced (inline strings, as the export writes them). */
function edited(xlsx, replacements) {
  const files = unzipSync(new Uint8Array(xlsx))
  const sheets = Object.keys(files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
  for (const [from, to] of replacements) {
    const name = sheets.find((n) => strFromU8(files[n]).includes(from))
    assert.ok(name, `the exported workbook has “${from}”`)
    files[name] = strToU8(strFromU8(files[name]).replace(from, to))
  }
  return Buffer.from(zipSync(files))
}

describe('the office imports, compares and keeps the roster', () => {
  let browser
  let page
  let first // the version the workbook is exported from
  let exported

  before(async () => {
    browser = await openBrowser()
    page = browser.page
    await logIn(page, 'office')
    browser.problems.reset()
    // The sample: this system published, then exported as the office would download it.
    const created = await sessionPost(page.context(), '/api/rubric/versions', system())
    assert.equal(created.status(), 201, await created.text())
    first = await created.json()
    const published = await sessionPost(page.context(), `/api/rubric/versions/${first.id}/publish`)
    assert.equal(published.status(), 200, await published.text())
    const download = await page.request.get(`${BASE_URL}/api/rubric/versions/${first.id}/export?format=xlsx`)
    assert.equal(download.status(), 200)
    exported = await download.body()
  })
  after(async () => {
    await browser?.close()
  })

  it('offers the latest published system as a sample workbook', async () => {
    await page.goto(BASE_URL + '/#/rubrics')
    await page.click('[data-test="upload"]')
    const template = page.locator('[data-test="template"]')
    await template.waitFor()
    assert.match(await template.getAttribute('href'), /\/export\?format=xlsx$/)
    await page.keyboard.press('Escape')
  })

  it('is told where a broken workbook is wrong, in words, and nothing is imported', async () => {
    const before = (await (await page.request.get(BASE_URL + '/api/rubric/versions')).json()).length
    await page.goto(BASE_URL + '/#/rubrics')
    await page.click('[data-test="upload"]')
    await page.setInputFiles('[data-test="file"]', {
      name: 'broken.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: edited(exported, [['市委组织部', '不存在的部门']]),
    })
    await page.click('[data-test="upload-submit"]')
    const faults = page.locator('[data-test="import-faults"]')
    await faults.waitFor()
    const text = await faults.textContent()
    assert.match(text, /工作表“指标体系”第 2 行第 6 列（F2）/)
    assert.match(text, /名册中没有考核单位“不存在的部门”/)
    assert.match(await page.textContent('[data-test="import-problem"]'), /1 处问题/)
    await screenshot(page, 'roster-01-import-located-fault')
    browser.problems.forgive(/status of 400 .*\/imports\/system\)$/)
    assert.equal((await (await page.request.get(BASE_URL + '/api/rubric/versions')).json()).length, before)
    await page.keyboard.press('Escape')
  })

  it('imports the corrected workbook as the next draft, validates and publishes it', async () => {
    await page.goto(BASE_URL + '/#/rubrics')
    await page.click('[data-test="upload"]')
    await page.setInputFiles('[data-test="file"]', {
      name: 'next.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: edited(exported, [['开展理论学习不少于12次', '开展理论学习不少于15次'], ['12月底', '11月底']]),
    })
    await page.click('[data-test="upload-submit"]')
    await page.waitForSelector(`h1:has-text("导入测试指标体系 ${stamp}")`)
    assert.equal((await page.textContent('[data-test="status"]')).trim(), '草稿')
    assert.match(await page.textContent('[data-test="header"]'), /2（修订号/)
    await page.click('[data-test="validate"]')
    await page.waitForSelector('[data-test="valid"]')
    await page.click('[data-test="publish"]')
    await page.click('.el-message-box__btns .el-button--primary')
    await page.waitForSelector('[data-test="status"]:has-text("已发布")')
  })

  it('compares it with the version it came from: the changed fields, old and new', async () => {
    await page.click('[data-test="compare"]')
    const option = page.locator('.el-select-dropdown__item', { hasText: `导入测试指标体系 ${stamp} 第 ${first.number} 版` })
    await option.first().click()
    await page.waitForSelector('[data-test="diff-rows"]')
    assert.match(page.url(), new RegExp(`#/rubrics/${first.id}/diff\\?to=`))
    assert.match(await page.textContent('[data-test="diff-counts"]'), /修改 2 项/)
    const rows = await page.locator('[data-test="diff-rows"] .el-table__row').allTextContents()
    assert.ok(rows.some((r) => r.includes('考核内容') && r.includes('不少于12次') && r.includes('不少于15次')), rows.join('\n'))
    assert.ok(rows.some((r) => r.includes('完成时限') && r.includes('12月底') && r.includes('11月底')), rows.join('\n'))
    await screenshot(page, 'roster-02-diff')
    await page.setViewportSize({ width: 768, height: 1024 })
    await screenshot(page, 'roster-03-diff-tablet')
    await page.setViewportSize({ width: 1366, height: 768 })
  })

  it('copies the published version into next year’s draft', async () => {
    await page.click('.back')
    await page.waitForSelector('[data-test="copy"]')
    await page.click('[data-test="copy"]')
    await page.click('.el-message-box__btns .el-button--primary')
    await page.waitForSelector('[data-test="status"]:has-text("草稿")')
    assert.match(await page.textContent('[data-test="header"]'), /3（修订号/)
    await page.click('[data-test="export"] button')
    const xlsx = page.locator('[data-test="export-xlsx"]')
    await xlsx.waitFor()
    const href = await xlsx.getAttribute('href')
    assert.match(href, /\/export\?format=xlsx$/)
    assert.equal((await page.request.get(BASE_URL + href)).status(), 200)
    await screenshot(page, 'roster-04-version-actions')
    await page.keyboard.press('Escape')
  })

  it('adds a unit to the roster: a taken code is refused at the code field', async () => {
    await page.click('nav >> text=名册')
    await page.waitForSelector('[data-test="roster-units"] .el-table__row')
    await screenshot(page, 'roster-05-units')
    await page.click('[data-test="roster-add"]')
    await page.fill('[data-test="roster-code"]', 'bz-sjw')
    await page.fill('[data-test="roster-name"]', `浏览器测试单位 ${stamp}`)
    await page.click('[data-test="roster-category"]')
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click()
    await page.click('[data-test="roster-save"]')
    const error = page.locator('[data-test="roster-dialog"] .el-form-item__error')
    await error.waitFor()
    assert.match(await error.textContent(), /编码 bz-sjw 已被使用/)
    await screenshot(page, 'roster-06-code-taken')
    browser.problems.forgive(/status of 412 .*\/roster\/units\/bz-sjw\)$/)
    const still = await (await page.request.get(BASE_URL + '/api/rubric/roster/units/bz-sjw')).json()
    assert.equal(still.name, '市纪委（监察局）')

    await page.fill('[data-test="roster-code"]', `e2e-${stamp}`)
    await page.click('[data-test="roster-save"]')
    await page.locator('[data-test="roster-dialog"]').waitFor({ state: 'hidden' })
    await page.fill('[data-test="roster-search"]', `e2e-${stamp}`)
    await page.waitForSelector(`[data-test="roster-units"] .el-table__row:has-text("浏览器测试单位 ${stamp}")`)
  })

  it('edits the unit, sees both changes in the history, and deletes it', async () => {
    await page.click(`[data-test="edit-e2e-${stamp}"]`)
    assert.equal(await page.locator('[data-test="roster-code"]').isDisabled(), true)
    await page.fill('[data-test="roster-name"]', `改名后的测试单位 ${stamp}`)
    await page.click('[data-test="roster-parent"]')
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'bz-sjw' }).first().click()
    await page.click('[data-test="roster-save"]')
    await page.waitForSelector(`[data-test="roster-units"] .el-table__row:has-text("改名后的测试单位 ${stamp}")`)
    assert.match(await page.textContent(`[data-test="roster-units"] .el-table__row:has-text("改名后的测试单位 ${stamp}")`), /市纪委/)

    await page.click('.el-tabs__item:has-text("变更记录")')
    await page.waitForSelector(`[data-test="roster-history"] .el-table__row:has-text("e2e-${stamp}")`)
    const history = await page.locator(`[data-test="roster-history"] .el-table__row:has-text("e2e-${stamp}")`).allTextContents()
    assert.equal(history.length, 2, history.join('\n'))
    assert.match(history[0], /修改.*改名后的测试单位/)
    assert.match(history[1], /新增.*浏览器测试单位/)
    await screenshot(page, 'roster-07-history')

    await page.click('.el-tabs__item:has-text("被考核单位")')
    await page.click(`[data-test="delete-e2e-${stamp}"]`)
    await page.click('.el-message-box__btns .el-button--primary')
    await page.waitForSelector(`[data-test="roster-units"] .el-table__row:has-text("改名后的测试单位 ${stamp}")`, { state: 'detached' })
    assert.equal((await page.request.get(`${BASE_URL}/api/rubric/roster/units/e2e-${stamp}`)).status(), 404)
  })

  it('is refused, in words, deleting a category units still use', async () => {
    await page.click('.el-tabs__item:has-text("单位类别")')
    await page.waitForSelector('[data-test="roster-categories"] .el-table__row')
    const used = page.locator('[data-test="roster-categories"] .el-table__row').first()
    const category = (await used.locator('td').first().textContent()).trim()
    await page.click(`[data-test="delete-${category}"]`)
    await page.click('.el-message-box__btns .el-button--primary')
    const problem = page.locator('[data-test="problem"]')
    await problem.waitFor()
    assert.match(await problem.textContent(), /未能删除[\s\S]*正被 \d+ 个单位/)
    browser.problems.forgive(new RegExp(`status of 409 .*/roster/categories/${category}\\)$`))
    await page.setViewportSize({ width: 768, height: 1024 })
    await page.click('.el-tabs__item:has-text("被考核单位")')
    await screenshot(page, 'roster-08-tablet')
    await page.setViewportSize({ width: 1366, height: 768 })
  })

  it('keeps the roster in Excel: exports it, is told where a broken workbook is wrong, previews and applies a change', async () => {
    await page.click('.el-tabs__item:has-text("导入导出")')
    const exportLink = page.locator('[data-test="roster-export"]')
    await exportLink.waitFor()
    const download = await page.request.get(BASE_URL + await exportLink.getAttribute('href'))
    assert.equal(download.status(), 200)
    const files = unzipSync(new Uint8Array(await download.body()))
    assert.ok(Object.values(files).some((bytes) => strFromU8(bytes).includes('市纪委（监察局）')), 'the export holds the roster')
    assert.equal((await page.request.get(BASE_URL + await page.getAttribute('[data-test="roster-template"]', 'href'))).status(), 200)

    // A unit without a name, in a category the roster does not have: both located, nothing changed.
    const unitsBefore = (await (await page.request.get(BASE_URL + '/api/rubric/roster')).json()).units.length
    await page.setInputFiles('[data-test="roster-file"]', {
      name: 'roster-broken.xlsx', mimeType: XLSX_TYPE,
      buffer: Buffer.from(xlsxBytes('单位', ['编码', '名称', '类别'], [[`e2e-unit-${stamp}`, '', '不存在的类别']])),
    })
    const faults = page.locator('[data-test="roster-faults"]')
    await faults.waitFor()
    const where = await faults.textContent()
    assert.match(where, /工作表“单位”第 2 行第 2 列（B2）/)
    assert.match(where, /工作表“单位”第 2 行第 3 列（C2）[\s\S]*不存在的类别/)
    browser.problems.forgive(/status of 400 .*\/roster\/imports\)$/)
    assert.equal((await (await page.request.get(BASE_URL + '/api/rubric/roster')).json()).units.length, unitsBefore)

    // A new category, listed with every category the roster has (a sheet stands for its part whole).
    const roster = await (await page.request.get(BASE_URL + '/api/rubric/roster')).json()
    const category = `e2e-cat-${stamp}`
    await page.setInputFiles('[data-test="roster-file"]', {
      name: 'roster-categories.xlsx', mimeType: XLSX_TYPE,
      buffer: Buffer.from(xlsxBytes('单位类别', ['编码', '名称'],
        [...roster.categories.map((c) => [c.code, c.name]), [category, `导入测试类别 ${stamp}`]])),
    })
    const summary = page.locator('[data-test="roster-preview-summary"]')
    await summary.waitFor()
    assert.match(await summary.textContent(), /新增 1，修改 0，移除 0/)
    assert.equal(await faults.count(), 0, 'the faults of the broken workbook are gone')
    const diff = await page.textContent('[data-test="roster-diff"]')
    assert.match(diff, new RegExp(`单位类别\\s*新增\\s*${category}\\s*导入测试类别 ${stamp}`))
    assert.ok(!(await (await page.request.get(BASE_URL + '/api/rubric/roster')).json()).categories
      .some((c) => c.code === category), 'nothing is written before the office applies it')
    await screenshot(page, 'roster-09-workbook-preview')
    await page.click('[data-test="roster-apply"]')
    await page.locator('[data-test="roster-applied"]', { hasText: '新增 1' }).waitFor()
    assert.ok((await (await page.request.get(BASE_URL + '/api/rubric/roster')).json()).categories
      .some((c) => c.code === category), 'the category is in the roster')
    await page.click('.el-tabs__item:has-text("单位类别")')
    await page.locator('[data-test="roster-categories"]', { hasText: category }).waitFor()
  })

  it('had no console errors on these pages', () => {
    assert.deepEqual(browser.problems.list, [])
  })
})

describe('a unit’s reporter and the roster', () => {
  it('reads the roster without the office’s buttons and without the menu entry', async () => {
    const browser = await openBrowser()
    try {
      await logIn(browser.page, 'reporter.sjw')
      assert.equal(await browser.page.locator('nav >> text=名册').count(), 0)
      await browser.page.goto(BASE_URL + '/#/roster')
      await browser.page.waitForSelector('[data-test="roster-units"] .el-table__row')
      assert.match(await browser.page.textContent('main'), /名册由考核办维护/)
      assert.equal(await browser.page.locator('[data-test="roster-add"]').count(), 0)
      assert.equal(await browser.page.locator('[data-test^="delete-"]').count(), 0)
    } finally {
      await browser.close()
    }
  })
})
