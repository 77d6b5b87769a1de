// The office's journey through the portal: log in with Keycloak's form, the inbox, the rubric
// versions, a version's tree, a refused and a successful publish of uploaded drafts, English,
// a tablet, logging out. Run against a running platform: PORTAL_BASE_URL=http://127.0.0.1:8080 npm run e2e
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'

const stamp = Date.now()
/** A small indicator system; `broken` makes the children not add up to their parent. */
function rubric(broken) {
  const leaf = (code, title, points) => ({
    code, title, points, appliesTo: [], assessingDepartments: ['swzzb'],
    rule: { type: 'judged', wording: `${title}，根据完成情况计分` }, deadline: '12月底',
    acceptedEvidence: '提供文件、会议记录等资料', children: [],
  })
  return {
    code: `e2e-${broken ? 'broken' : 'ok'}-${stamp}`, year: 2025,
    title: `浏览器测试指标体系（${broken ? '分值不符' : '可发布'}）${stamp}`, source: 'e2e', categories: [],
    applicabilityWordings: {}, conversionNotes: [],
    roots: [{
      code: '1', title: '党建工作', points: 10, appliesTo: [], assessingDepartments: [], children: [
        leaf('1.1', '组织生活', 4), leaf('1.2', '理论学习', broken ? 5 : 6),
      ],
    }],
  }
}

/** Uploads {@code content} as a JSON draft from the versions page, and waits for the draft's page. */
async function uploadDraft(page, content, name) {
  await page.goto(BASE_URL + '/#/rubrics')
  await page.click('[data-test="upload"]')
  await page.setInputFiles('[data-test="file"]', {
    name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)),
  })
  await page.click('[data-test="upload-submit"]')
  await page.waitForSelector(`h1:has-text("${content.title}")`)
}

describe('the office in the portal', () => {
  let browser
  let page

  before(async () => {
    browser = await openBrowser()
    page = browser.page
  })
  after(async () => {
    await browser?.close()
  })

  it('logs in through Keycloak and sees its name, role and the inbox', async () => {
    await logIn(page, 'office')
    browser.problems.reset()
    const who = await page.textContent('[data-test="who"]')
    assert.match(who, /考核办/)
    await page.waitForSelector('[data-test="tasks"]')
    assert.match(page.url(), /#\/inbox$/)
    await screenshot(page, '01-inbox')
  })

  it('is served under the gateway’s content security policy', async () => {
    const response = await page.request.get(BASE_URL + '/')
    assert.equal(response.status(), 200)
    assert.match(response.headers()['content-security-policy'] || '', /default-src 'self'/)
  })

  it('lists the rubric versions', async () => {
    await page.click('nav >> text=指标体系')
    await page.waitForSelector('[data-test="versions"] .el-table__row')
    assert.ok(await page.locator('[data-test="versions"] .el-table__row').count() >= 1)
    await screenshot(page, '02-rubric-versions')
  })

  it('opens a version as a tree with points, rules’ wording and assessing departments', async () => {
    const link = page.locator('[data-test="versions"] a', { hasText: '洛阳市县' }).first()
    await ((await link.count()) ? link : page.locator('[data-test="versions"] a').first()).click()
    await page.waitForSelector('[role="tree"] [role="treeitem"]')
    await page.click('[data-test="expand-all"]')
    const leaf = page.locator('[role="treeitem"]:has([data-test="rule"])').first()
    await leaf.waitFor()
    assert.match(await leaf.textContent(), /分/)
    assert.ok(await page.locator('[data-test="departments"]').count() > 0)
    await screenshot(page, '03-rubric-tree')
  })

  it('uploads a draft whose points do not add up, and is told why it cannot be published, beside the node', async () => {
    await uploadDraft(page, rubric(true), 'broken.json')
    await page.click('[data-test="publish"]')
    await page.click('.el-message-box__btns .el-button--primary')
    const problem = page.locator('[data-test="problem"]')
    await problem.waitFor()
    assert.match(await problem.textContent(), /未能发布/)
    const beside = page.locator('[data-code="1"] [data-test="node-problems"]').first()
    await beside.waitFor()
    assert.ok((await beside.textContent()).trim().length > 0, 'the API’s message is shown at node 1')
    assert.equal((await page.textContent('[data-test="status"]')).trim(), '草稿')
    await screenshot(page, '04-publish-refused')
    browser.problems.forgive(/status of 400 .*\/publish\)$/)
  })

  it('uploads a valid draft and publishes it', async () => {
    await uploadDraft(page, rubric(false), 'ok.json')
    await page.click('[data-test="validate"]')
    await page.waitForSelector('[data-test="valid"]')
    await page.click('[data-test="publish"]')
    await page.click('.el-message-box__btns .el-button--primary')
    await page.waitForSelector('[data-test="status"]:has-text("已发布")')
    await screenshot(page, '05-published')
  })

  it('says the upload’s fault in words when the file is not JSON', async () => {
    await page.goto(BASE_URL + '/#/rubrics')
    await page.click('[data-test="upload"]')
    await page.setInputFiles('[data-test="file"]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{nope') })
    await page.click('[data-test="upload-submit"]')
    const error = page.locator('[data-test="upload-dialog"] .el-form-item__error')
    await error.waitFor()
    assert.match(await error.textContent(), /不是有效的 JSON/)
    await page.keyboard.press('Escape')
  })

  it('switches to English', async () => {
    await page.goto(BASE_URL + '/#/rubrics')
    await page.click('.language')
    await page.click('.el-select-dropdown__item:has-text("English")')
    await page.waitForSelector('h1:has-text("Rubric versions")')
    await page.locator('.el-select-dropdown').first().waitFor({ state: 'hidden' })
    await screenshot(page, '06-english')
    await page.click('.language')
    await page.click('.el-select-dropdown__item:has-text("简体中文")')
    await page.waitForSelector('h1:has-text("指标体系版本")')
  })

  it('works on a tablet, with the menu in a drawer, and from the keyboard', async () => {
    await page.setViewportSize({ width: 768, height: 1024 })
    await page.goto(BASE_URL + '/#/inbox')
    await page.waitForSelector('[data-test="tasks"]')
    await page.click('.menu-button')
    await page.waitForSelector('.el-drawer nav >> text=指标体系')
    await page.waitForFunction(() => document.querySelector('.el-drawer')?.getAnimations().length === 0)
    await screenshot(page, '07-tablet-menu')
    await page.keyboard.press('Escape')
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.reload()
    await page.waitForSelector('[data-test="tasks"]')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link')
    await page.keyboard.press('Enter')
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main')
  })

  it('had no console errors on the portal’s pages', () => {
    assert.deepEqual(browser.problems.list, [])
  })

  it('logs out', async () => {
    await page.click('[data-test="logout"]')
    // Keycloak ends its session and sends the browser back to the portal, which asks for a login
    // again (not Keycloak's "invalid redirect" page).
    await page.waitForSelector('#username', { timeout: 30_000 })
    assert.doesNotMatch(await page.content(), /Invalid redirect uri|无效的重定向/i)
    const me = await page.request.get(BASE_URL + '/api/me')
    assert.equal(me.status(), 401)
  })
})
