// workflow: the annual cycles and their calendars, the task inbox, the forms that complete tasks,
// the grade proposal's view for the leaders, and the rectification ledger.
import { api, get, post, put, query, seg } from './http.js'

const task = (id) => `/api/workflow/tasks/${seg(id)}`
const cycle = (id) => `/api/workflow/cycles/${seg(id)}`

/** A page of tasks {tasks, total}; an older workflow answered a bare array, both are read. */
export function pageOf(body) {
  if (Array.isArray(body)) {
    return { tasks: body, total: body.length }
  }
  const tasks = (body && body.tasks) || []
  return { tasks, total: body && typeof body.total === 'number' ? body.total : tasks.length }
}

/** The caller's open tasks, a page: {type, cycleId, overdue, assigned, period, page (from 0), size}. */
export const findTasks = (filters = {}) => get('/api/workflow/tasks' + query(filters)).then(pageOf)
/** The caller's open tasks of any of {@code types}, one list. */
export async function tasksOfTypes(types, { size = 100, cycleId } = {}) {
  const pages = await Promise.all(types.map((type) => findTasks({ type, cycleId, size })))
  return pages.flatMap((p) => p.tasks)
}
/** Open tasks counted per type. */
export const taskCounts = () => get('/api/workflow/tasks/counts')
/** The open tasks the list shows with these filters (every page) as .xlsx (待办任务.xlsx): paging is the list's alone. */
export const openTasksXlsxUrl = ({ page, size, ...filters } = {}) => '/api/workflow/tasks.xlsx' + query(filters)
/** What the caller completed (of one cycle when given) as .xlsx (已办任务.xlsx). */
export const doneTasksXlsxUrl = ({ cycleId } = {}) => '/api/workflow/tasks/done.xlsx' + query({ cycleId })
/** What the caller completed, newest first, a page. */
export const doneTasks = ({ page, size }) => get('/api/workflow/tasks/done' + query({ page, size })).then(pageOf)
/** A task with its context and draft: {task, context, draft}; a task the caller is not offered is refused in words. */
export const getTask = (id) => get(task(id))
export const claimTask = (id) => post(task(id) + '/claim')
/** A claimed task given back to its group. */
export const unclaimTask = (id) => post(task(id) + '/unclaim')
/** A claimed task passed to a colleague (by user name). */
export const delegateTask = (id, userId) => post(task(id) + '/delegate', { userId })
/** The task's form kept as typed. */
export const saveTaskDraft = (id, draft) => put(task(id) + '/draft', draft)
/** Completes a task with its form (ChaseForm, FindingsForm, ApprovalForm …): the form's faults are refused at their fields. */
export const completeTask = (id, form) => post(task(id) + '/complete', form)
/** Completes several tasks, each on its own: [{taskId, form}] → the result per task. */
export const completeTasks = (items) => post('/api/workflow/tasks/bulk-complete', { items })

/** The cycles, and one with its calendar on the cycle's clock. */
export const listCycles = () => get('/api/workflow/cycles')
export const getCycle = (id) => get(cycle(id))
/** Opens a cycle (OpenCycleRequest: units, the published rubric version, calendar periods). */
export const openCycle = (request) => post('/api/workflow/cycles', request)
/** The grades proposed for one unit category, with the units still awaiting the leaders' approval. */
export const proposalOfCategory = (cycleId, category) => get(`${cycle(cycleId)}/proposal/categories/${seg(category)}`)

/** Rectification notices and their ledgers (of one cycle when given). */
export const rectifications = ({ cycleId } = {}) => get('/api/workflow/rectifications' + query({ cycleId }))
/** The rectification ledgers (整改台账) the caller may see as .xlsx, one row per problem and measure. */
export const rectificationsXlsxUrl = ({ cycleId, unitCode } = {}) => '/api/workflow/rectifications.xlsx' + query({ cycleId, unitCode })

/** The cycle's appeals (申诉) the caller may see: a unit its own, a department those it answers, the office all. */
export const cycleAppeals = (cycleId) => get(`${cycle(cycleId)}/appeals`)
/** A unit's appeal on one of its items during the publicity period: {unitCode, itemCode, reason, evidence[]}. */
export const fileAppeal = (cycleId, appeal) => post(`${cycle(cycleId)}/appeals`, appeal)

/** A model's BPMN XML (annual-cycle, unit-assessment, period-assessment, rectification): the version the cycle runs. */
export const modelXml = (key, cycleId) => api(`/api/workflow/models/${seg(key)}` + query({ cycleId }),
  { headers: { Accept: 'application/xml, application/problem+json' } })
/** Office and leaders: per model and step, how many of the cycle's units wait there now, how many overdue. */
export const cycleProgress = (cycleId) => get(`${cycle(cycleId)}/progress`)
/** Where a unit stands in a cycle: each step, what it waits for, since when, due, overdue. */
export const unitPosition = (cycleId, unitCode) => get(`${cycle(cycleId)}/units/${seg(unitCode)}/position`)
