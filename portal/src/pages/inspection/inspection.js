// The inspection team's findings form (workflow's FindingsForm) and the office's chase form
// (ChaseForm): built, checked as the workflow API checks them, and kept as a task draft.

export const INSPECTION_TASK = 'UserTask_RecordInspectionFindings'

/** The office's one chase per cycle, period and kind, listing the late units. */
export const CHASE_TASK = 'UserTask_ChaseLateUnits'

/** One chase per late unit: the models' earlier versions; their running instances still hold some. */
export const RETIRED_CHASE_TASKS = ['UserTask_ChaseLateSubmission', 'UserTask_ChaseLateRevision',
  'UserTask_ChaseRectificationReport', 'UserTask_ChaseRectificationProgress']

export const CHASE_TASKS = [CHASE_TASK, ...RETIRED_CHASE_TASKS]

/**
 * How the team learns of a problem (阶段性考核: 听取汇报、座谈、实地考察、查阅资料). The value stored is the
 * domain's own word; the API takes any text, so the picker also accepts one typed in.
 */
export const SOURCES = [
  { code: 'briefing', value: '听取汇报' },
  { code: 'forum', value: '座谈' },
  { code: 'site', value: '实地考察' },
  { code: 'documents', value: '查阅资料' },
]

export const LIMITS = { summary: 4000, findings: 100, itemCode: 100, problem: 2000, source: 200, evidence: 20 }

/** A finding as the form edits it: evidence as {evidenceId, fileName, contentType} for thumbnails. */
export function emptyFinding() {
  return { itemCode: '', problem: '', source: '', proposedDeduction: '', evidence: [] }
}

export function emptyFindings(inspectedOn = '') {
  return { inspectedOn, summary: '', findings: [] }
}

const text = (s) => (typeof s === 'string' ? s.trim() : s == null ? '' : String(s))

/** A deduction as the API takes it: a number, null when left empty, the text itself when it is none. */
export function deductionValue(value) {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null
  if (typeof value === 'number') return value
  const trimmed = value.trim()
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The FindingsForm body: text trimmed, deductions as numbers (or null), evidence as ids. */
export function findingsBody(form) {
  return {
    inspectedOn: form.inspectedOn || null,
    summary: text(form.summary),
    findings: (form.findings || []).map((f) => ({
      itemCode: text(f.itemCode),
      problem: text(f.problem),
      source: text(f.source),
      proposedDeduction: deductionValue(f.proposedDeduction),
      evidence: (f.evidence || []).map((e) => (typeof e === 'string' ? e : e.evidenceId)),
    })),
  }
}

/**
 * Faults by field location ("findings[0].problem"), as {key, args} for i18n: what FindingsForm's
 * constraints refuse (required, lengths, a deduction above 0 with at most 4 digits and 2 decimals,
 * at most 20 evidence files), and an item the unit is not assessed on when its items are known.
 */
export function findingsFaults(body, itemCodes = null) {
  const faults = {}
  const need = (at, value, max) => {
    if (value === null || value === undefined || value === '') faults[at] = { key: 'inspection.required' }
    else if (max && String(value).length > max) faults[at] = { key: 'inspection.tooLong', args: { max } }
  }
  need('inspectedOn', body.inspectedOn)
  need('summary', body.summary, LIMITS.summary)
  if (body.findings.length > LIMITS.findings) faults.findings = { key: 'inspection.tooMany', args: { max: LIMITS.findings } }
  body.findings.forEach((f, i) => {
    const at = (field) => `findings[${i}].${field}`
    need(at('itemCode'), f.itemCode, LIMITS.itemCode)
    if (!faults[at('itemCode')] && itemCodes && !itemCodes.includes(f.itemCode)) {
      faults[at('itemCode')] = { key: 'inspection.unknownItem', args: { code: f.itemCode } }
    }
    need(at('problem'), f.problem, LIMITS.problem)
    need(at('source'), f.source, LIMITS.source)
    const fault = deductionFault(f.proposedDeduction)
    if (fault) faults[at('proposedDeduction')] = fault
    if (f.evidence.length > LIMITS.evidence) faults[at('evidence')] = { key: 'inspection.tooManyPhotos', args: { max: LIMITS.evidence } }
  })
  return faults
}

/** Why a proposed deduction is refused (as @DecimalMin("0.00", exclusive) @Digits(4, 2)), or null. */
export function deductionFault(value) {
  if (value === null || value === undefined) return null
  const n = typeof value === 'number' ? value : Number.NaN
  if (!Number.isFinite(n)) return { key: 'inspection.notANumber' }
  if (n <= 0) return { key: 'inspection.deductionPositive' }
  const [whole, fraction = ''] = String(value).split('.')
  if (whole.replace('-', '').length > 4 || fraction.length > 2) return { key: 'inspection.deductionDigits' }
  return null
}

/** The saved draft back into a form: anything missing or malformed falls back to the empty form's. */
export function formFromDraft(draft, inspectedOn = '') {
  const form = emptyFindings(inspectedOn)
  if (!draft || typeof draft !== 'object') return form
  if (typeof draft.inspectedOn === 'string' && draft.inspectedOn) form.inspectedOn = draft.inspectedOn
  if (typeof draft.summary === 'string') form.summary = draft.summary
  if (Array.isArray(draft.findings)) {
    form.findings = draft.findings.filter((f) => f && typeof f === 'object').map((f) => ({
      itemCode: typeof f.itemCode === 'string' ? f.itemCode : '',
      problem: typeof f.problem === 'string' ? f.problem : '',
      source: typeof f.source === 'string' ? f.source : '',
      proposedDeduction: f.proposedDeduction == null ? '' : String(f.proposedDeduction),
      evidence: Array.isArray(f.evidence)
        ? f.evidence.map((e) => (typeof e === 'string' ? { evidenceId: e, fileName: '' } : e))
          .filter((e) => e && typeof e.evidenceId === 'string')
        : [],
    }))
  }
  return form
}

/** The total the team proposes to deduct, to two places (for the summary line). */
export function totalDeduction(form) {
  const cents = (form.findings || []).reduce((sum, f) => {
    const v = deductionValue(f.proposedDeduction)
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? sum + Math.round(v * 100) : sum
  }, 0)
  return (cents / 100).toFixed(2)
}

/** The inspection's first calendar day from the cycle's calendar (workflow's getCycle), or ''. */
export function inspectionDay(cycle) {
  const entry = ((cycle && cycle.calendar) || []).find((d) => d.what === 'INSPECTION')
  return (entry && (entry.opens || entry.due)) || ''
}

/** Whether a file is a photo the form shows as a thumbnail (the evidence API decides the real type). */
export const isImage = (file) => /^image\/(png|jpeg)$/.test(file.type || '') || /\.(png|jpe?g)$/i.test(file.name || '')

// ------------------------------------------------------------------------------ the office's chases

export function emptyChase() {
  return { note: '', contacted: '' }
}

export function chaseBody(form) {
  const contacted = text(form.contacted)
  return { note: text(form.note), contacted: contacted || null }
}

export function chaseFaults(body) {
  const faults = {}
  if (!body.note) faults.note = { key: 'inspection.required' }
  else if (body.note.length > 2000) faults.note = { key: 'inspection.tooLong', args: { max: 2000 } }
  if (body.contacted && body.contacted.length > 200) faults.contacted = { key: 'inspection.tooLong', args: { max: 200 } }
  return faults
}

/**
 * What the chased unit missed: {what, deadline} where deadline is the missed day (yyyy-MM-dd, the
 * cycle's calendar day even when its clock runs compressed) or an instant, when known. A late self-assessment's due day comes from the cycle's calendar, a late
 * rectification report's and measure's from the rectification ledger; a late correction's is the
 * moment the office was asked to chase (the task is created when the deadline passes).
 */
export function chaseDeadline(task, { cycle = null, rectifications = [] } = {}) {
  switch (task.type) {
    case 'UserTask_ChaseLateSubmission': {
      const entry = ((cycle && cycle.calendar) || []).find((d) => d.what === task.period)
      return { what: 'submission', deadline: entry ? entry.due || entry.dueAt : null }
    }
    case 'UserTask_ChaseRectificationReport': {
      const r = rectifications.find((x) => x.rectificationId === task.rectificationId)
      return { what: 'report', deadline: r ? r.reportDueAt || null : null }
    }
    case 'UserTask_ChaseRectificationProgress': {
      const r = rectifications.find((x) => x.rectificationId === task.rectificationId)
      const entry = r && (r.ledger || []).find((e) => e.problemId === task.problemId)
      return { what: 'progress', deadline: entry ? entry.deadline || null : null, problem: entry ? entry.problem : null }
    }
    case 'UserTask_ChaseLateRevision':
      return { what: 'revision', deadline: task.created || null }
    default:
      return { what: 'other', deadline: null }
  }
}

/** What a chase is about (inspection.missedWhat.*): its kind, or for a retired one-unit chase its task type. */
const WHAT_OF_KIND = { LATE_SUBMISSION: 'submission', LATE_REVISION: 'revision', LATE_RECTIFICATION_REPORT: 'report', OVERDUE_MEASURE: 'progress' }
const WHAT_OF_RETIRED = { UserTask_ChaseLateSubmission: 'submission', UserTask_ChaseLateRevision: 'revision',
  UserTask_ChaseRectificationReport: 'report', UserTask_ChaseRectificationProgress: 'progress' }
const RETIRED_OF_WHAT = Object.fromEntries(Object.entries(WHAT_OF_RETIRED).map(([type, what]) => [what, type]))
const WHAT_OF_MISSED = { UserTask_SubmitSelfAssessment: 'submission', UserTask_ReviseSelfAssessment: 'revision',
  UserTask_SubmitRectificationReport: 'report', UserTask_SubmitExplanation: 'report', UserTask_SubmitRectificationPlan: 'report',
  UserTask_ReportRectificationProgress: 'progress' }

export function chaseWhat(task) {
  if (task.type === CHASE_TASK) return WHAT_OF_KIND[task.chase && task.chase.kind] || 'other'
  return WHAT_OF_RETIRED[task.type] || 'other'
}

/** How many units a chase lists: a retired chase is one unit's. */
export function chaseUnitCount(task) {
  if (task.type === CHASE_TASK) return (task.chase && task.chase.unitCount) || 0
  return task.unitCode ? 1 : 0
}

/**
 * The chase form's list of late units: {unitCode, unitName, what, subject, deadline, since}. A chase lists
 * them with what each missed and its due moment on the engine's clock; the deadline shown is the missed day
 * as chaseDeadline finds it (the period's due day on the cycle's calendar, the rectification's report due,
 * the measure's deadline in the ledger: calendar days even when the cycle's clock runs compressed), else that
 * moment. A retired one-unit chase is its one unit.
 */
export function lateUnits(task, context = {}) {
  if (task.type === CHASE_TASK) {
    return ((task.chase && task.chase.units) || []).map((u) => {
      const what = WHAT_OF_MISSED[u.missed] || 'other'
      const slash = what === 'progress' && u.subject ? u.subject.lastIndexOf('/') : -1
      const missed = chaseDeadline({ type: RETIRED_OF_WHAT[what], period: u.period, created: u.dueAt,
        rectificationId: slash >= 0 ? u.subject.slice(0, slash) : u.subject, problemId: slash >= 0 ? u.subject.slice(slash + 1) : null }, context)
      return { unitCode: u.unitCode, unitName: u.unitName || null, what,
        subject: missed.problem ? `${u.subject.slice(slash + 1)} ${missed.problem}` : u.subject || null,
        deadline: missed.deadline || u.dueAt || null, since: u.since || null }
    })
  }
  const missed = chaseDeadline(task, context)
  return [{ unitCode: task.unitCode, unitName: task.unitName || null, what: missed.what,
    subject: missed.problem ? `${task.problemId} ${missed.problem}` : task.department || null,
    deadline: missed.deadline, since: task.created || null }]
}
