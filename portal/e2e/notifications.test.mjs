// Notifications that reach people: on a compressed cycle of its own, 市纪委's reporter is told in the
// portal (the bell's count rises, the drawer lists it, the item leads to the task) and by email (read
// back from the platform's GreenMail) that the Q1 self-assessment is due soon, and — after the
// head signed it off and 市委组织部 returned an item — that it was returned, with the reviewer's reason.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, logIn, screenshot } from './browser.mjs'
import { ITEMS, SJW, TIMER_TASK_WAIT, awaitTask, cycleAtInspection, expect as expectApi, submitPeriod, until } from './cycle-setup.mjs'

/** GreenMail's API: the gateway's port + 9000 (8080 → 17080), or MAIL_API_URL. */
const MAIL_API_URL = process.env.MAIL_API_URL || (() => {
  const url = new URL(BASE_URL)
  url.port = String(Number(url.port || 80) + 9000)
  return url.origin
})()
const REPORTER = 'reporter.sjw'
const REASON = '请补充第二党支部三会一课记录'

/** The notifications of the reporter for this cycle, through the gateway. */
async function notified(cycleId, kind) {
  const page = await expectApi(200, REPORTER, 'GET', '/api/notifications?size=200')
  return page.items.find((n) => n.cycleId === cycleId && n.kind === kind)
}

/** The text of a MIME message as GreenMail keeps it (base64 or quoted-printable bodies decoded). */
function mailText(mime) {
  const split = mime.indexOf('\r\n\r\n')
  const headers = mime.slice(0, split)
  const body = mime.slice(split + 4)
  if (/Content-Transfer-Encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}

async function mailsFor(address) {
  const response = await fetch(`${MAIL_API_URL}/api/user/${encodeURIComponent(address)}/messages/INBOX`)
  if (!response.ok) return []
  return (await response.json()).map((m) => ({ subject: m.subject, text: mailText(m.mimeMessage) }))
}

describe('notifications that reach people', () => {
  let reporter
  let cycleId
  let deadline
  let returned

  before(async () => {
    reporter = await openBrowser()
  })
  after(async () => {
    await reporter?.close()
  })

  it('tells the unit’s reporter that Q1 is due soon, in the portal and by email', async () => {
    ;({ cycleId } = await cycleAtInspection(Date.now().toString(36)))
    await logIn(reporter.page, REPORTER)
    reporter.problems.reset()
    const unreadAtLogin = (await expectApi(200, REPORTER, 'GET', '/api/notifications/unread-count')).unread

    deadline = await until('the Q1 reminder reaches reporter.sjw', TIMER_TASK_WAIT, () => notified(cycleId, 'DEADLINE_APPROACHING'))
    assert.match(deadline.title, /^即将到期：提交自评/)
    assert.match(deadline.link, /^#\/inbox\?task=/)

    // The bell asks every 45 s: its number rises without a reload.
    await until('the bell’s count rises', 120_000, async () => {
      const text = await reporter.page.locator('[data-test="bell-count"]').textContent({ timeout: 1000 }).catch(() => '0')
      return Number(text || 0) > unreadAtLogin || text === '99+'
    })
    const mail = await until('the reminder’s email', 120_000, async () => (await mailsFor('reporter.sjw@kaohe.local'))
      .find((m) => m.subject.startsWith('【考核平台】即将到期：提交自评') && m.text.includes(deadline.link.slice(1))))
    assert.match(mail.text, /请及时办理/)
  })

  it('tells the reporter of the department’s return, and the item leads to the task', async () => {
    const assessment = await submitPeriod(cycleId, SJW, 'Q1')
    const reviewer = ITEMS.reviewerOf[ITEMS.perIncident]
    await awaitTask(reviewer, cycleId, 'UserTask_ReviewSelfAssessment', SJW, 'Q1')
    await expectApi(200, reviewer, 'POST', `/api/evidence/self-assessments/${assessment.id}/reviews`,
      { version: 1, decisions: [{ itemCode: ITEMS.perIncident, decision: 'RETURNED', comment: REASON }] })
    returned = await until('the return reaches reporter.sjw', 180_000, () => notified(cycleId, 'TASK_RETURNED'))
    assert.equal(returned.title, '被退回：补充材料并重新签发')
    assert.ok(returned.body.includes(REASON), returned.body)

    const page = reporter.page
    await page.reload()
    // A whole page load on a loaded machine (CI once waited more than 30 s here): the bell shows once the page has loaded.
    await page.waitForSelector('[data-test="bell-count"]', { timeout: 60_000 })
    await page.click('[data-test="bell"]')
    const item = page.locator('[data-test="notification-TASK_RETURNED"]', { hasText: REASON }).first()
    await item.waitFor()
    await screenshot(page, 'notifications')
    await item.click()
    await page.waitForURL((url) => url.hash.startsWith('#/inbox?task='))
    assert.equal(new URL(page.url()).hash, returned.link)
    const linked = page.locator('[data-test="linked-task"]')
    await linked.waitFor()
    assert.match(await linked.textContent(), /补充材料并重新签发/)
    await screenshot(page, 'notification-task')

    const mail = await until('the return’s email', 120_000, async () => (await mailsFor('reporter.sjw@kaohe.local'))
      .find((m) => m.subject === '【考核平台】被退回：补充材料并重新签发' && m.text.includes(REASON) && m.text.includes(returned.link.slice(1))))
    assert.match(mail.text, /退回原因/)
    assert.deepEqual(reporter.problems.list, [])
  })

  it('lists both on the notification page, the followed one read, and marks the rest read', async () => {
    const read = await expectApi(200, REPORTER, 'GET', '/api/notifications?size=200')
    assert.equal(read.items.find((n) => n.id === returned.id).read, true)
    assert.equal(read.items.find((n) => n.id === deadline.id).read, false)

    // Unread come first: the earlier journeys' cycles left the reporter more than a page of them.
    const page = reporter.page
    await page.goto(BASE_URL + '/#/notifications')
    const table = page.locator('[data-test="notification-table"]')
    await table.waitFor()
    await page.click('[data-test="only-unread"]')
    await until('the unread reminder listed', 30_000, async () => (await table.textContent()).includes(deadline.title))
    assert.ok(!(await table.textContent()).includes(REASON), 'the followed return is read, not in the unread list')

    await page.click('[data-test="page-read-all"]')
    await until('the reminder read', 30_000, async () => !(await table.textContent()).includes(deadline.title))
    await page.click('[data-test="only-unread"]')
    await until('the return listed among the newest', 30_000, async () => (await table.textContent()).includes(REASON))
    assert.equal((await expectApi(200, REPORTER, 'GET', '/api/notifications?size=200')).items.find((n) => n.id === deadline.id).read, true)
    assert.deepEqual(reporter.problems.list, [])
  })
})
