// Every page renders with what its template names: each component (Element Plus's and ours, which
// come by name, see vite.config.js) resolves, and each name the template uses is defined. Vue only
// warns about either, so a page that forgot one would look fine in a build and be blank in use:
// here a warning or a render error fails the page. The APIs answer a small cycle (one unit, one
// task of the page's kind, opened from the address as the inbox opens it), so the forms render too.
import { describe, it, expect, beforeAll, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { createPortalI18n } from '../i18n/index.js'
import { configureApi } from '../api/http.js'
import { session } from '../session.js'
import { routes } from '../router.js'

// No canvas in jsdom: the charts draw nothing here.
vi.mock('../charts/echarts.js', () => ({ init: () => ({ setOption() {}, resize() {}, dispose() {} }) }))

const task = (type) => ({
  id: 't1', type, name: '督促 / chase', cycleId: 'c1', unitCode: 'bz-sjw', unitName: '市纪委', category: 'party', period: 'Q1',
  due: '2026-07-15T08:00:00Z', created: '2026-07-01T08:00:00Z', completed: '2026-07-02T08:00:00Z', assignee: 'office',
  rectificationId: 'r1', problemId: 'F1', appealId: 'a1', itemCode: '1.1',
  chase: { kind: 'LATE_SUBMISSION', unitCount: 1, units: [{ unitCode: 'bz-sjw', unitName: '市纪委', missed: 'UserTask_SubmitSelfAssessment',
    period: 'Q1', subject: null, dueAt: '2026-04-01T00:00:00Z', since: '2026-04-01T01:00:00Z' }] },
})
const scheme = { bands: [{ grade: '好', minPercent: 90 }, { grade: '较差', minPercent: 0 }], quotas: [{ grade: '好', maxShare: 0.3 }], vetoes: [] }
const row = { number: 1, unitCode: 'bz-sjw', unitName: '市纪委', cells: [{ code: '1', points: 5.5, reasons: ['扣0.5分'], display: '扣0.5分' }],
  total: 5.5, rank: 1, grade: '好', status: 'APPROVED' }
const item = { itemCode: '1.1', title: '党员发展', points: 6, selfScore: 6, reviewedScore: 5.5, finalScore: 5.5, deductions: [{ text: '扣0.5分' }] }

const auditRecord = { seq: 7, eventId: 'e7', source: 'scoring-service', category: 'WRITE', outcome: 'REFUSED', status: 403,
  reason: 'scoring.decision.not-owner', username: 'reviewer.fpymj', roles: ['dept-reviewer'], department: 'sfpymj', inspectionUnits: [],
  method: 'POST', route: '/scoring/cycles/{cycleId}/decisions', path: '/scoring/cycles/c1/decisions', verb: 'decide',
  objectType: 'cycle', objectId: 'c1', clientAddress: '10.0.0.8', occurredAt: '2026-03-02T01:20:00Z', recordedAt: '2026-03-02T01:20:00Z',
  prevDigest: 'cd'.repeat(32), digest: 'ab'.repeat(32) }

// What each API answers, by its path; the task's type is the page's.
function answer(path, type) {
  const rules = [
    [/\/api\/notifications\/unread-count$/, () => ({ unread: 1 })],
    [/\/api\/notifications\/preferences$/, () => ({ emailEnabled: true, webhookEnabled: false, webhookUrl: null, webhookFormat: 'GENERIC',
      quietStart: '22:00:00', quietEnd: '07:30:00', digest: false, digestAt: '08:00:00', language: 'zh-CN' })],
    [/\/api\/notifications\/deliveries$/, () => ({ items: [{ id: 1, eventId: 'e1', kind: 'TASK_RETURNED', title: '被退回：补充材料并重新签发',
      username: 'reporter.sjw', channel: 'EMAIL', address: 'reporter.sjw@kaohe.local', state: 'FAILED', attempts: 3, lastError: 'SMTP: refused',
      createdAt: '2026-07-01T08:00:00Z', nextAttemptAt: '2026-07-01T08:10:00Z', sentAt: null, readAt: null }], total: 1, byState: { FAILED: 1 } })],
    [/\/api\/notifications$/, () => ({ items: [{ id: 'e1', kind: 'DEADLINE_APPROACHING', title: '即将到期：提交自评', body: '市纪委 · 第一季度：“提交自评”将于…到期',
      link: '#/inbox?task=t1', occurredAt: '2026-07-01T08:00:00Z', read: false }], total: 1, unread: 1 })],
    [/\/api\/workflow\/tasks\/counts$/, () => [{ type, name: task(type).name, open: 1, overdue: 1, mine: 1 }]],
    [/\/api\/workflow\/tasks(\/done)?$/, () => ({ tasks: [task(type)], total: 1 })],
    [/\/api\/workflow\/tasks\/t1$/, () => ({ task: task(type), context: { returns: [{ unitCode: 'bz-sjw', reason: '差距过大', returnTo: 'SCORING' }] }, draft: null })],
    [/\/api\/workflow\/cycles$/, () => [{ cycleId: 'c1', title: '2026年度考核', year: 2026 }]],
    [/\/proposal\/categories\//, () => ({ pendingUnits: ['bz-sjw'], proposal: { cycleId: 'c1', category: 'party', proposedBy: 'leader', distribution: { 好: 1 },
      units: [{ unitCode: 'bz-sjw', rank: 1, total: 5.5, maximum: 6, grade: '好', selfTotal: 6, reviewedTotal: 5.5, gap: 0.5 }] } })],
    [/\/api\/workflow\/cycles\/\w+$/, () => ({ cycleId: 'c1', title: '2026年度考核', year: 2026, rubricVersionId: 'x', status: 'OPEN', openedAt: '2026-01-01T00:00:00Z',
      calendar: [{ what: 'Q1', opens: '2026-01-01', due: '2026-04-15' }, { what: 'INSPECTION', opens: '2026-07-15', due: '2026-07-20' }] })],
    [/\/bonus-items$/, () => [{ itemCode: 'sup.1', title: '督查工作', topLevelTitle: '督查', points: 100, rule: '基础分为80分', takes: 'AMOUNT',
      pointsPerItem: null, cap: 100, current: 85, left: 15, assessingDepartments: ['swzzb'], acceptedEvidence: '通报文件', matters: ['县委表扬'] }]],
    [/\/bonus-applications$/, () => [{ id: 'b1', cycleId: 'c1', unitCode: 'bz-sjw', itemCode: 'sup.1', itemTitle: '督查工作', assessingDepartments: ['swzzb'],
      matter: '县委表扬', amount: 5, quantity: null, points: 5, reason: '受表扬', evidenceIds: ['e1'], state: 'SUBMITTED', filedBy: 'reporter.sjw',
      filedAt: '2026-01-21T01:00:00Z', answeredBy: null, answeredDepartment: null, answerReason: null, answeredAt: null, decisionId: null }]],
    [/\/appeals$/, () => [{ appealId: 'a1', cycleId: 'c1', unitCode: 'bz-sjw', itemCode: '1.1', department: 'sfpymj', reason: '扣分有误',
      evidence: ['e-17'], filedBy: 'reporter.sjw', filedAt: '2026-01-21T01:00:00Z', status: 'OPEN', step: type, answer: '扣分有据',
      answeredBy: 'reviewer.fpymj', outcome: null, decision: null, decidedBy: null, closedAt: null, publicityEndsAt: '2099-01-28T16:00:00Z' }]],
    [/\/decisions$/, () => [{ decision: { id: 'd1', kind: 'DEDUCTION', amount: 0.5, reason: '记录不全', decidedBy: 'reviewer.fpymj' }, supersededBy: null }]],
    [/\/api\/workflow\/rectifications$/, () => [{ rectificationId: 'r1', unitCode: 'bz-sjw', kind: 'TALK_AND_REPORT', status: 'OPEN', cycleId: 'c1', grade: '较差',
      openedAt: '2026-01-01T00:00:00Z', reportDueAt: '2026-02-10T00:00:00Z', noticeProblems: [{ problemId: 'F1', description: '记录不全' }],
      ledger: [{ problemId: 'F1', problem: '记录不全', measure: '补齐', responsibleLeader: '书记', deadline: '2026-03-31', status: 'OPEN' }] }]],
    [/\/api\/scoring\/cycles$/, () => [{ cycleId: 'c1', title: '2026年度考核' }]],
    [/\/api\/scoring\/past-years$/, () => [{ year: 2024, title: '2024年度目标绩效考核', fileName: '2024年汇总表.xlsx', units: 1, importedBy: 'office',
      importedAt: '2026-01-05T08:00:00Z', platformCycles: [] }]],
    [/\/cockpit$/, () => ({ cycleId: 'c1', year: 2026, title: '2026年度考核',
      categories: [{ category: 'party', units: 1, selfAssessed: 1, reviewed: 1, inReview: 0, meanPercent: 91.67, minPercent: 91.67, maxPercent: 91.67,
        buckets: [{ label: '<60', from: 0, to: 60, count: 0 }, { label: '90–100', from: 90, to: 100, count: 1 }], grades: [{ grade: '好', count: 1 }], ungraded: 0 }],
      gaps: [{ unitCode: 'bz-sjw', unitName: '市纪委', category: 'party', itemCode: '1.1', itemTitle: '党员发展', selfScore: 6, reviewedScore: 5.5, gap: 0.5 }],
      reasons: [{ name: '记录不全', count: 1, points: 0.5 }], sources: [{ name: '督查通报', count: 1, points: 0.5 }],
      unitHistory: [{ unitCode: 'bz-sjw', unitName: '市纪委', category: 'party', years: [{ cycleId: 'c1', year: 2026, title: '2026年度考核', percent: 91.67, grade: '好', units: 1 }] }],
      categoryHistory: [{ category: 'party', years: [{ cycleId: 'c1', year: 2026, title: '2026年度考核', percent: 91.67, grade: null, units: 1 }] }] })],
    [/\/results$/, () => ({ title: '2026年度考核结果', columns: [{ code: '1', title: '职能职责', maximum: 6 }], groups: [{ category: 'party', rows: [row] }] })],
    [/\/sheet$/, () => ({ cycleId: 'c1', unitCode: 'bz-sjw', unitName: '市纪委', category: 'party', grade: '好', selfTotal: 6, finalTotal: 5.5, maximum: 6,
      sections: [{ code: '1', title: '职能职责', maximum: 6, finalTotal: 5.5, items: [item] }] })],
    [/\/grading$/, () => scheme],
    [/\/grades\/preview$/, () => ({ scheme, latestProposalId: null,
      grades: [{ unitCode: 'bz-sjw', category: 'party', rank: 1, total: 5.5, maximum: 6, percent: 91.67, grade: '好', bandGrade: '好' }] })],
    [/\/api\/evidence\/self-assessments$/, () => [{ id: 'x', unitCode: 'bz-sjw', cycleId: 'c1', period: 'Q1', status: 'DRAFT', due: '2026-04-15' }]],
    [/\/api\/evidence\/self-assessments\/x$/, () => ({ id: 'x', unitCode: 'bz-sjw', cycleId: 'c1', period: 'Q1', status: 'DRAFT', draftVersion: 1, submittedVersion: 0,
      lines: [{ itemCode: '1.1', title: '党员发展', topLevelTitle: '职能职责', points: 6, editable: true, reviewStatus: 'PENDING', selfScore: null, measured: {},
        evidence: [{ evidenceId: 'e1', fileName: '台账.pdf', size: 2048 }], rule: { wording: '每起扣0.5分', measures: [{ name: 'n', kind: 'COUNT', label: '次数' }] } }] })],
    [/\/preview$/, () => ({ points: 6, maximum: 6, deducted: 0, explanation: '未发生', missing: [] })],
    [/\/api\/rubric\/versions$/, () => [{ id: 'x', title: '指标体系', status: 'PUBLISHED', kind: 'SYSTEM', year: 2026, number: 1, totalPoints: 100,
      publishedAt: '2026-01-01T00:00:00Z', systemCode: 'ly' }]],
    [/\/api\/rubric\/versions\/x$/, () => ({ id: 'x', title: '指标体系', status: 'DRAFT', kind: 'SYSTEM', number: 1, totalPoints: 100, createdAt: '2026-01-01T00:00:00Z' })],
    [/\/snapshot$/, () => ({ roots: [{ code: '1', title: '职能职责', points: 6, children: [{ code: '1.1', title: '党员发展', points: 6, rule: { wording: '每起扣0.5分' } }] }],
      categories: ['party'], conversionNotes: [], applicabilityWordings: {} })],
    [/\/diff$/, () => ({ version: [{ field: 'title', before: '甲', after: '乙' }], added: [{ code: '1.2', path: '1.2 新增', points: 1 }], removed: [], changed: [] })],
    [/\/api\/rubric\/roster$/, () => ({ units: [{ code: 'bz-sjw', name: '市纪委', category: 'party' }], departments: [], categories: [{ code: 'party', name: '党群部门' }] })],
    [/\/api\/rubric\/accounts$/, () => [{ username: 'reporter.bz-sjw', ownerKind: 'UNIT', ownerCode: 'bz-sjw', role: 'REPORTER', name: '填报人 市纪委',
      email: null, enabled: true, requiredActions: ['UPDATE_PASSWORD'] }]],
    [/\/api\/rubric\/roster\/lists$/, () => [{ code: 'party-units', name: '党群单位', units: ['bz-sjw'] }]],
    [/\/api\/rubric\/roster\/history$/, () => [{ id: 1, kind: 'UNIT', code: 'bz-sjw', action: 'CREATED', actor: 'office', detail: '{"name":"市纪委"}', occurredAt: '2026-01-01T00:00:00Z' }]],
    [/\/api\/audit\/records$/, () => ({ total: 1, page: 0, size: 50, records: [auditRecord] })],
    [/\/api\/audit\/records\/7$/, () => ({ ...auditRecord, linkVerified: true })],
    [/\/api\/audit\/verification$/, () => ({ id: 1, requestedBy: 'auditor', result: { startedAt: '2026-03-02T01:20:00Z', finishedAt: '2026-03-02T01:20:01Z',
      intact: false, verifiedCount: 6, firstSeq: 1, lastSeq: 7, headDigest: 'ab'.repeat(32), archivesChecked: 0,
      problems: [{ kind: 'REMOVED', seq: 4, detail: 'record 4 is missing' }] } })],
    [/\/cycles\/c1\/surveys$/, () => [{ id: 's1', cycleId: 'c1', itemCode: 'sat.1', title: '群众满意度测评', scale: 'SATISFACTION', quorum: 0.5,
      trim: true, state: 'OPEN', codesIssued: true, groups: [{ position: 0, name: '领导', weight: 1, codes: 10, used: 6 }], unitCodes: ['bz-sjw'] }]],
    [/\/units\/bz-sjw\/items$/, () => ({ items: [{ itemCode: '1.1', title: '党员发展', points: 6, path: ['职能职责'], rule: { wording: '每起扣0.5分' } }] })],
  ]
  const found = rules.find(([pattern]) => pattern.test(path))
  return found ? found[1]() : {}
}

// The task each page's forms are for, and the button that opens a page's own dialog.
const TASK_OF = {
  '/chases': 'UserTask_ChaseLateUnits', '/inspections': 'UserTask_RecordInspectionFindings', '/rectifications': 'UserTask_SubmitRectificationReport',
  '/publication': 'UserTask_PublishResults', '/talks': 'UserTask_HoldTalk', '/approvals': 'UserTask_ApproveGrades', '/proposals': 'UserTask_ReproposeGrades',
  '/appeals': 'UserTask_DecideAppeal',
}
const OPENS = { '/surveys': 'survey-create', '/cycles': 'open-cycle', '/roster': 'roster-add', '/rubrics': 'upload', '/inbox': 'delegate-t1', '/audit': 'audit-view' }

beforeAll(() => {
  globalThis.matchMedia = globalThis.matchMedia || (() => ({ matches: false, addEventListener() {}, removeEventListener() {} }))
  session.me = { username: 'office', name: '考核办', roles: ['office-admin', 'leader', 'unit-reporter', 'inspector'], unit: 'bz-sjw' }
})

const pages = routes.filter((r) => r.component).map((r) => [r.path, r])

describe('every page', () => {
  it.each(pages)('%s renders every component and name its template uses', async (path, route) => {
    const type = TASK_OF[path] || 'UserTask_ChaseLateSubmission'
    configureApi({
      fetch: async (url) => new Response(JSON.stringify(answer(String(url).split('?')[0], type)), { status: 200, headers: { 'content-type': 'application/json' } }),
      cookies: () => 'XSRF-TOKEN=t',
    })
    const problems = []
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push({ path: path.replace(':id', 'x').replace(':rest(.*)*', 'nowhere'), query: { task: 't1', cycle: 'c1', to: 'x' } })
    const page = (await route.component()).default
    const wrapper = mount(page, {
      props: route.props === true ? { id: 'x' } : route.props || {},
      global: {
        plugins: [createPortalI18n('zh-CN'), router],
        config: {
          warnHandler: (message) => problems.push(message),
          errorHandler: (error) => problems.push(String(error && error.stack)),
        },
      },
      attachTo: document.body,
    })
    const settle = async () => {
      for (let i = 0; i < 5; i++) {
        await flushPromises()
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    await settle()
    if (OPENS[path]) {
      const opener = wrapper.find(`[data-test="${OPENS[path]}"]`)
      expect(opener.exists(), `${path} has its ${OPENS[path]} button`).toBe(true)
      await opener.trigger('click')
      await settle()
    }
    wrapper.unmount()
    document.body.innerHTML = ''
    expect(problems).toEqual([])
  }, 60_000) // the first page loads Element Plus; the machine is shared
})
