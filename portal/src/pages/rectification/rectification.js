// The rectification tasks' forms (RectificationPlanForm, RectificationReportForm, ProgressForm,
// VerificationForm), built and checked as the workflow API checks them.

export const FORM_OF = {
  UserTask_SubmitRectificationPlan: 'plan',
  UserTask_SubmitExplanation: 'report',
  UserTask_SubmitRectificationReport: 'report',
  UserTask_ReportRectificationProgress: 'progress',
  UserTask_VerifyRectification: 'verify',
}
export const RECTIFICATION_TASKS = Object.keys(FORM_OF)

const MEASURE_LIMITS = { measure: 2000, responsibleLeader: 200, responsibleOffice: 200 }

export function emptyMeasure(problemId = null) {
  const m = { measure: '', responsibleLeader: '', responsibleOffice: '', deadline: '' }
  return problemId === null ? { problem: '', ...m } : { problemId, ...m }
}

/** The empty form for a task; a plan has a row per problem of the notice. */
export function emptyForm(kind, noticeProblems = []) {
  switch (kind) {
    case 'plan': return { measures: noticeProblems.map((p) => emptyMeasure(p.problemId)) }
    case 'report': return { summary: '', measures: [emptyMeasure()] }
    case 'progress': return { progress: '', completed: false }
    case 'verify': return { verdict: 'CLOSED', comment: '' }
    default: return {}
  }
}

const trim = (s) => (typeof s === 'string' ? s.trim() : s)

/** The body the API takes (text trimmed, empty deadlines as null). */
export function formBody(kind, form) {
  if (kind === 'plan' || kind === 'report') {
    const measures = form.measures.map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k === 'deadline' ? (v || null) : trim(v)])))
    return kind === 'plan' ? { measures } : { summary: trim(form.summary), measures }
  }
  if (kind === 'progress') return { progress: trim(form.progress), completed: !!form.completed }
  if (kind === 'verify') return { verdict: form.verdict || null, comment: trim(form.comment) }
  return form
}

/** Faults by field location ("measures[0].measure"), as {key, args} for i18n. */
export function localFaults(kind, body) {
  const faults = {}
  const need = (at, value, max) => {
    if (value === null || value === undefined || value === '') faults[at] = { key: 'rectification.required' }
    else if (max && String(value).length > max) faults[at] = { key: 'rectification.tooLong', args: { max } }
  }
  if (kind === 'plan' || kind === 'report') {
    if (kind === 'report') need('summary', body.summary, 20000)
    if (!body.measures.length) faults.measures = { key: 'rectification.required' }
    body.measures.forEach((m, i) => {
      if (kind === 'report') need(`measures[${i}].problem`, m.problem, 2000)
      for (const [field, max] of Object.entries(MEASURE_LIMITS)) need(`measures[${i}].${field}`, m[field], max)
      need(`measures[${i}].deadline`, m.deadline)
    })
  } else if (kind === 'progress') {
    need('progress', body.progress, 4000)
  } else if (kind === 'verify') {
    need('verdict', body.verdict)
    need('comment', body.comment, 4000)
  }
  return faults
}
