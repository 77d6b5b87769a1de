// Drives a compressed assessment cycle for the demo units bz-sjw and bz-zjfy over the gateway's
// API with real Keycloak tokens (password grant of kaohe-cli, with a one-time code for the roles
// that need one), each step by the role that does it,
// up to the leader's approval task: the steps of deploy's AnnualCycleE2EIT, without its checks.
// Every run has its own rubric code and cycle id, so journeys never share data.
import { BASE_URL, PASSWORD } from './browser.mjs'
import { nextCode, oneLoginAtATime, secretOf } from './otp.mjs'

export const SJW = 'bz-sjw'
export const ZJFY = 'bz-zjfy'
export const UNITS = [SJW, ZJFY]
const UNIT_NAMES = { [SJW]: '市纪委（监察局）', [ZJFY]: '市中级法院' }
const FPYMJ_ITEM = '1.1'
const SWZZB_ITEM = '1.2'
const REVIEWER_OF = { [FPYMJ_ITEM]: 'reviewer.fpymj', [SWZZB_ITEM]: 'reviewer.swzzb' }
// Only in the rubric of cycleWithBonusAndSurvey (the other journeys' totals stay 6): a bonus item 市扶贫移民局 owns
// (reviewer.fpymj answers its applications) and an item the office's satisfaction survey converts into points.
const BONUS_ITEM = '2.1'
const SURVEY_ITEM = '2.2'
const BONUS_AND_SURVEY = { code: '2', title: '加分与民主测评', points: 4, children: [
  { code: BONUS_ITEM, title: '工作获上级书面表扬', points: 2, assessingDepartments: ['sfpymj'],
    rule: { type: 'per-completed-item', pointsPerItem: 1, wording: '每获市级以上书面表扬1次加1分，最多加2分' } },
  { code: SURVEY_ITEM, title: '服务对象满意度测评', points: 2, assessingDepartments: ['swzzb'],
    rule: { type: 'converted', scheme: '民主测评', subMaximum: 100, wording: '按民主测评满意率折算计分' } }] }
/** The whole year in two and a half minutes: a period opens about every 37 s. */
const YEAR_IN = 'PT150S'
const TIMER_WAIT = 300_000
const EVENT_WAIT = 180_000

/** Keycloak runs at the gateway's port + 100 (8080 → 8180, 28080 → 28180). */
export const KEYCLOAK_URL = (() => {
  const url = new URL(BASE_URL)
  url.port = String(Number(url.port || 80) + 100)
  return url.origin
})()

const sessions = new Map()

/**
 * A real access token for a demo user. The first call logs in (password grant of kaohe-cli, with a one-time code for
 * the roles that need one); later ones renew the token with its refresh token, which takes no one-time code — the
 * office and the leader have two or three codes a half-minute, and the browser's logins of the same run need them.
 * One renewal per user at a time (the promise is shared): Keycloak can refuse a user's concurrent password grants as
 * invalid credentials, or a one-time code another run just used, so a refused login is tried once more (with a new
 * code), after a pause: failures closer than a second lock the account.
 */
export async function token(user) {
  const held = sessions.get(user)
  const session = held && await held.catch(() => null)
  if (session && Date.now() < session.freshUntil) return session.access
  if (sessions.get(user) === held) {
    const renewed = session && Date.now() < session.renewableUntil
      ? grant(user, { grant_type: 'refresh_token', refresh_token: session.refresh }).catch(() => logInAgain(user))
      : logInAgain(user)
    sessions.set(user, renewed)
  }
  return (await sessions.get(user)).access
}

function logInAgain(user) {
  return logInWithPassword(user).catch(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500))
    return logInWithPassword(user)
  })
}

async function logInWithPassword(user) {
  // One login of a user at a time across the test processes (otp.mjs: Keycloak refuses concurrent ones).
  return oneLoginAtATime(user, async () => grant(user, {
    grant_type: 'password', username: user, password: PASSWORD,
    // Office, leader and the administrators add their authenticator's one-time code.
    ...(secretOf(user) ? { totp: await nextCode(user) } : {}),
  }))
}

async function grant(user, form) {
  const asked = Date.now()
  const response = await fetch(`${KEYCLOAK_URL}/realms/kaohe/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'kaohe-cli', ...form }),
  })
  if (!response.ok) throw new Error(`token for ${user}: ${response.status} ${await response.text()}`)
  const body = await response.json()
  // A minute's margin, so that no call leaves with a token that expires on the way.
  return {
    access: body.access_token,
    refresh: body.refresh_token,
    freshUntil: asked + (body.expires_in - 60) * 1000,
    renewableUntil: body.refresh_token ? asked + ((body.refresh_expires_in || 0) - 60) * 1000 : 0,
  }
}

/** A call through the gateway as {@code user}: {status, body}. */
export async function api(user, method, path, body, contentType = 'application/json') {
  const headers = { Authorization: `Bearer ${await token(user)}`, 'Accept-Language': 'zh-CN' }
  if (body !== undefined) headers['Content-Type'] = contentType
  const response = await fetch(BASE_URL + path, {
    method,
    headers,
    body: body === undefined ? undefined : (contentType === 'application/json' ? JSON.stringify(body) : body),
    signal: AbortSignal.timeout(120_000),
  })
  const text = await response.text()
  let parsed = text
  try { parsed = text ? JSON.parse(text) : null } catch { /* not JSON */ }
  return { status: response.status, body: parsed }
}

/** The body when the answer has the expected status; otherwise an error that says what was answered. */
export async function expect(status, user, method, path, body, contentType) {
  const answer = await api(user, method, path, body, contentType)
  if (answer.status !== status) {
    throw new Error(`${method} ${path} as ${user}: ${answer.status} ${JSON.stringify(answer.body)}`)
  }
  return answer.body
}

/** Polls until {@code probe} answers something; fails after {@code within} ms naming what it waited for. */
export async function until(what, within, probe) {
  const deadline = Date.now() + within
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`waited ${within / 1000} s for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

export async function tasks(user, cycleId, type, unit, period) {
  const q = new URLSearchParams({ size: '200', cycleId })
  if (type) q.set('type', type)
  if (unit) q.set('unitCode', unit)
  if (period) q.set('period', period)
  return (await expect(200, user, 'GET', '/api/workflow/tasks?' + q)).tasks
}

export function awaitTask(user, cycleId, type, unit, period, within = EVENT_WAIT) {
  return until(`${type} ${unit || ''} ${period || ''} for ${user}`, within,
    async () => (await tasks(user, cycleId, type, unit, period))[0])
}

const reporter = (unit) => 'reporter.' + unit.slice(3)
const head = (unit) => 'head.' + unit.slice(3)
const cycleYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))

async function publishRubric(tag, extraRoots = []) {
  const year = cycleYear()
  const version = await expect(201, 'office', 'POST', '/api/rubric/versions', {
    code: `e2e-portal-${tag}`, year, title: '浏览器端到端考核指标体系', categories: ['party-dept'],
    roots: [{ code: '1', title: '职能职责', points: 6, children: [
      { code: FPYMJ_ITEM, title: '干部驻村帮扶工作', points: 3, assessingDepartments: ['sfpymj'],
        rule: { type: 'judged', wording: '根据完成情况计分' } },
      { code: SWZZB_ITEM, title: '党员发展和组织生活', points: 3, assessingDepartments: ['swzzb'],
        rule: { type: 'deduction-per-incident', deductionPerIncident: 0.5, wording: '每发现1起问题扣0.5分，扣完为止' } }] },
    ...extraRoots],
  })
  await expect(200, 'office', 'POST', `/api/rubric/versions/${version.id}/publish`)
  for (const consumer of ['/api/evidence/rubric-versions', '/api/scoring/rubric-versions']) {
    await until(`${consumer} knows ${version.id}`, EVENT_WAIT,
      async () => (await expect(200, 'office', 'GET', consumer)).some((k) => k.versionId === version.id))
  }
  return version.id
}

/** {@code calendar}: the cycle's own calendar settings, e.g. { publicityDays: 60 } (公示期 in working days). */
async function openCycle(cycleId, versionId, calendar) {
  const year = cycleYear()
  const request = {
    cycleId, year, title: `${year}年度浏览器端到端考核 ${cycleId}`, rubricVersionId: versionId,
    units: UNITS.map((unitCode) => ({ unitCode, unitName: UNIT_NAMES[unitCode], category: 'party-dept' })),
    clock: { yearIn: YEAR_IN },
    ...(calendar ? { calendar } : {}),
  }
  // workflow learns of the published version over Kafka too: until then it refuses it (400).
  await until('workflow accepts the version', EVENT_WAIT, async () => {
    const opened = await api('office', 'POST', '/api/workflow/cycles', request)
    if (opened.status === 400 && JSON.stringify(opened.body).includes('rubricVersionId')) return null
    if (opened.status !== 201) throw new Error(`open cycle: ${opened.status} ${JSON.stringify(opened.body)}`)
    return opened.body
  })
  await until('scoring knows the cycle', EVENT_WAIT,
    async () => (await expect(200, 'office', 'GET', '/api/scoring/cycles')).some((c) => c.cycleId === cycleId))
  return year
}

/**
 * One period of one unit up to its submission: the reporter's task awaited, the self-assessment drafted with a
 * file, prepared and signed off by the head. Answers the submitted self-assessment.
 */
export async function submitPeriod(cycleId, unit, period) {
  await awaitTask(reporter(unit), cycleId, 'UserTask_SubmitSelfAssessment', unit, period, TIMER_WAIT)
  const assessment = await until(`evidence opens ${unit} ${period}`, EVENT_WAIT, async () => {
    const opened = await api(reporter(unit), 'POST', `/api/evidence/units/${unit}/self-assessments`, { cycleId, period })
    if (opened.status === 400 && JSON.stringify(opened.body).includes('cycleId')) return null
    if (opened.status !== 201) throw new Error(`open ${unit} ${period}: ${opened.status} ${JSON.stringify(opened.body)}`)
    return opened.body
  })
  const q = new URLSearchParams({ cycleId, period, item: FPYMJ_ITEM, name: `${unit}-${period}-驻村帮扶台账.txt`, evidenceDate: assessment.opens })
  await expect(201, reporter(unit), 'POST', `/api/evidence/units/${unit}/files?${q}`,
    `${period} 驻村帮扶工作台账：走访贫困户12户，落实帮扶措施8项。`, 'text/plain; charset=UTF-8')
  const draft = await expect(200, reporter(unit), 'PUT', `/api/evidence/self-assessments/${assessment.id}/draft`, {
    draftVersion: assessment.draftVersion,
    lines: [
      { itemCode: FPYMJ_ITEM, selfScore: 3, measured: { score: 3, reason: '按计划完成驻村帮扶' }, statement: `${period}驻村帮扶按计划完成，见台账` },
      { itemCode: SWZZB_ITEM, selfScore: 3, measured: { incidents: 0 }, statement: `${period}组织生活正常开展` },
    ],
  })
  const step = { draftVersion: draft.draftVersion }
  await expect(200, reporter(unit), 'POST', `/api/evidence/self-assessments/${assessment.id}/prepare`, step)
  await expect(200, head(unit), 'POST', `/api/evidence/self-assessments/${assessment.id}/sign-off`, step)
  return assessment
}

/** One period of one unit: drafted with a file, prepared, signed off, accepted by both departments. */
async function runPeriod(cycleId, unit, period, beforeAccepting = async () => {}) {
  const assessment = await submitPeriod(cycleId, unit, period)
  for (const item of [FPYMJ_ITEM, SWZZB_ITEM]) {
    await awaitTask(REVIEWER_OF[item], cycleId, 'UserTask_ReviewSelfAssessment', unit, period)
  }
  await beforeAccepting()
  for (const item of [SWZZB_ITEM, FPYMJ_ITEM]) {
    await expect(200, REVIEWER_OF[item], 'POST', `/api/evidence/self-assessments/${assessment.id}/reviews`,
      { version: 1, decisions: [{ itemCode: item, decision: 'ACCEPTED' }] })
  }
}

async function eachUnit(work) {
  await Promise.all(UNITS.map(work))
}

/**
 * A cycle up to the office's grade proposal (UserTask_ProposeGrades), category party-dept: bz-sjw
 * reviewed 5.50 of 6 (one inspection finding, which also opens a rectification notice), bz-zjfy
 * 4.00. Takes about four minutes. {@code prefix} names the cycle (e2e-{prefix}-{tag}).
 */
export async function cycleAwaitingProposal(tag = Date.now().toString(36), prefix = 'pa', calendar = undefined) {
  const versionId = await publishRubric(tag)
  const cycleId = `e2e-${prefix}-${tag}`
  const year = await openCycle(cycleId, versionId, calendar)
  for (const period of ['Q1', 'Q2', 'Q3']) {
    await eachUnit((unit) => runPeriod(cycleId, unit, period))
  }
  // 阶段性考核: one problem at bz-sjw, none at bz-zjfy.
  const findings = {
    [SJW]: { inspectedOn: `${year}-07-15`, summary: '听取汇报、实地查看党员活动室、查阅组织生活记录',
      findings: [{ itemCode: SWZZB_ITEM, problem: '第二党支部三会一课记录不全', source: '实地检查', proposedDeduction: 0.5 }] },
    [ZJFY]: { inspectedOn: `${year}-07-16`, summary: '未发现问题', findings: [] },
  }
  await eachUnit(async (unit) => {
    const task = await awaitTask('inspector.1', cycleId, 'UserTask_RecordInspectionFindings', unit, null, TIMER_WAIT)
    await expect(200, 'inspector.1', 'POST', `/api/workflow/tasks/${task.id}/complete`, findings[unit])
  })
  await eachUnit((unit) => runPeriod(cycleId, unit, 'Q4'))
  const judged = { [SJW]: 3, [ZJFY]: 1 }
  await eachUnit((unit) => runPeriod(cycleId, unit, 'YEAR', () => expect(201, 'reviewer.fpymj', 'POST',
    `/api/scoring/cycles/${cycleId}/decisions`, { unitCode: unit, itemCode: FPYMJ_ITEM, kind: 'JUDGED', score: judged[unit],
      reason: unit === SJW ? '驻村帮扶成效明显' : '驻村帮扶工作开展不足，帮扶记录缺失', source: '年度考核终审' })))
  const propose = await awaitTask('office', cycleId, 'UserTask_ProposeGrades', null, null)
  return { cycleId, year, versionId, proposeTaskId: propose.id }
}

/**
 * A cycle up to the leader's approval of category party-dept: bz-sjw 5.50 of 6 (好, one inspection
 * finding, which also opens a rectification notice), bz-zjfy 4.00 (一般). Takes about four minutes.
 */
export async function cycleAwaitingApproval(tag = Date.now().toString(36), calendar = undefined) {
  const { cycleId, year, versionId } = await cycleAwaitingProposal(tag, 'pa', calendar)
  await expect(201, 'office', 'POST', `/api/scoring/cycles/${cycleId}/grades/proposals`)
  const approval = await awaitTask('leader', cycleId, 'UserTask_ApproveGrades', null, null)
  return { cycleId, year, versionId, approvalTaskId: approval.id, category: approval.category }
}

/**
 * A compressed cycle for bz-sjw and bz-zjfy opened and left to its clock, up to the mid-year
 * inspection (about 75 s after opening): nobody submits a quarter, so the office is also asked to
 * chase the units' late Q1 self-assessments (one UserTask_ChaseLateUnits listing both) on the way. The caller
 * awaits the tasks it needs ({@link awaitTask}).
 */
export async function cycleAtInspection(tag = Date.now().toString(36)) {
  const versionId = await publishRubric(tag)
  const cycleId = `e2e-in-${tag}`
  const year = await openCycle(cycleId, versionId)
  return { cycleId, year, versionId, items: { judged: FPYMJ_ITEM, perIncident: SWZZB_ITEM } }
}

/**
 * The cheapest cycle (opened and left to its clock, as {@link cycleAtInspection}) on a rubric that also has a bonus
 * item (per completed item, 1 point each up to 2, 市扶贫移民局's: reviewer.fpymj answers) and an item converted from a
 * satisfaction survey (民主测评, out of 100, 2 points).
 */
export async function cycleWithBonusAndSurvey(tag = Date.now().toString(36)) {
  const versionId = await publishRubric(tag, [BONUS_AND_SURVEY])
  const cycleId = `e2e-bs-${tag}`
  const year = await openCycle(cycleId, versionId)
  return { cycleId, year, versionId, items: { bonus: BONUS_ITEM, survey: SURVEY_ITEM } }
}

/** The items of the journeys' rubric and the departments reviewing them. */
export const ITEMS = { judged: FPYMJ_ITEM, perIncident: SWZZB_ITEM, reviewerOf: REVIEWER_OF }

/** How long a task moved by the cycle's timers may take to appear. */
export const TIMER_TASK_WAIT = TIMER_WAIT
