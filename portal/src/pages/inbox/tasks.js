// The inbox's own logic: task names in the UI's language, due and done states, where a task's
// form is, and the delegate form's check and refusal.
import { placeErrors, within } from '../../composables/faults.js'

/** Task names are written "中文 / English" in the process models: the part for the UI's language. */
export function taskName(name, language) {
  if (!name) {
    return ''
  }
  // "提交自评（…）/ submit the self-assessment": the English half starts after "/ " and a Latin letter.
  const match = /\s*\/\s+(?=[A-Za-z])/.exec(name)
  if (!match) {
    return name
  }
  return language === 'en' ? name.slice(match.index + match[0].length).trim() : name.slice(0, match.index).trim()
}

const DAY = 24 * 60 * 60 * 1000

/** 'overdue', 'soon' (due within three days), 'later' or 'none'. */
export function dueState(task, now = Date.now()) {
  if (!task.due) {
    return 'none'
  }
  const due = Date.parse(task.due)
  if (task.overdue === true || due < now) {
    return 'overdue'
  }
  return due - now <= 3 * DAY ? 'soon' : 'later'
}

/** Counts per type from a list, for a workflow without GET /tasks/counts. */
export function countsOf(tasks, username, now = Date.now()) {
  const byType = new Map()
  for (const task of tasks) {
    const c = byType.get(task.type) || { type: task.type, name: task.name, open: 0, overdue: 0, mine: 0 }
    c.open += 1
    if (dueState(task, now) === 'overdue') c.overdue += 1
    if (task.assignee === username) c.mine += 1
    byType.set(task.type, c)
  }
  return [...byType.values()]
}

const RECTIFICATION_TYPES = ['UserTask_SubmitRectificationPlan', 'UserTask_SubmitExplanation', 'UserTask_SubmitRectificationReport',
  'UserTask_ReportRectificationProgress', 'UserTask_VerifyRectification']

// The office's chase of a period's late units, and the one-unit chases of the models' earlier versions.
const CHASE_TYPES = ['UserTask_ChaseLateUnits', 'UserTask_ChaseLateSubmission', 'UserTask_ChaseLateRevision',
  'UserTask_ChaseRectificationReport', 'UserTask_ChaseRectificationProgress']

// An appeal in the publicity period: the department answers, the office decides, the leader approves again.
const APPEAL_TYPES = ['UserTask_AnswerAppeal', 'UserTask_DecideAppeal', 'UserTask_ReapproveUnit']

/** Where a task's form is, for the inbox's "handle" button; null when the portal has no form for it. */
export function formRoute(task) {
  // Grades are proposed in scoring (its GradesProposed ends the task): the page that does it.
  if (task.type === 'UserTask_ProposeGrades' || task.type === 'UserTask_ReproposeGrades') {
    return { path: '/proposals', query: { task: task.id, cycle: task.cycleId } }
  }
  if (task.completedByEvent) return null
  if (task.type === 'UserTask_PublishResults') return { path: '/publication', query: { task: task.id } }
  if (task.type === 'UserTask_HoldTalk') return { path: '/talks', query: { task: task.id } }
  if (task.type === 'UserTask_ApproveGrades') return { path: '/approvals', query: { task: task.id } }
  if (RECTIFICATION_TYPES.includes(task.type)) return { path: '/rectifications', query: { task: task.id } }
  if (task.type === 'UserTask_RecordInspectionFindings') return { path: '/inspections', query: { task: task.id } }
  if (CHASE_TYPES.includes(task.type)) return { path: '/chases', query: { task: task.id } }
  if (APPEAL_TYPES.includes(task.type)) return { path: '/appeals', query: { task: task.id, cycle: task.cycleId } }
  return null
}

/** Whether a completed task (GET /tasks/done) was done by its due date: 'onTime', 'late' or 'noDue'. */
export function doneState(task) {
  if (!task.due) return 'noDue'
  if (typeof task.onTime === 'boolean') return task.onTime ? 'onTime' : 'late'
  return Date.parse(task.completed) <= Date.parse(task.due) ? 'onTime' : 'late'
}

/** The person's own claimed task: it can be given back to the group or passed to a colleague. */
export function heldBy(task, username) {
  return !!task && !!username && task.assignee === username && !task.completedByEvent
}

/** The delegate form's check, as DelegateRequest's (@NotBlank, at most 200): an i18n key or null. */
export function delegateProblem(userId) {
  const name = (userId || '').trim()
  if (!name) return 'inbox.delegateRequired'
  if (name.length > 200) return 'inbox.delegateTooLong'
  return null
}

/**
 * What to show at the delegate form's user-name field for a refused call: the API's messages located
 * at userId, else its detail (delegating to oneself, a task a colleague holds, …) in the service's words.
 */
export function refusalAt(error, field, describe) {
  return within(placeErrors(error && error.errors), field) || describe(error)
}
