// scoring-service: what things are worth (points computed live, results tables, score sheets, the
// grading scheme and the grades proposed).
import { del, get, post, put, query, seg, sendRaw } from './http.js'

const cycle = (cycleId) => `/api/scoring/cycles/${seg(cycleId)}`
const sheet = (cycleId, unitCode) => `${cycle(cycleId)}/units/${seg(unitCode)}/sheet`

/** The cycles scoring knows, in the order it learned of them (the newest last). */
/** The cycles scoring knows; with {@code unitCode}, those the unit takes part in, newest first (the unit itself, the office). */
export const scoringCycles = ({ unitCode } = {}) => get('/api/scoring/cycles' + query({ unitCode }))

/** The results table (汇总表) of a cycle, per unit category; its .xlsx in the published layout. */
export const resultsTable = (cycleId) => get(cycle(cycleId) + '/results')
export const resultsXlsxUrl = (cycleId) => cycle(cycleId) + '/results.xlsx'

/** One unit's score sheet (a unit is answered only its own; another's is a 404), and its .xlsx. */
export const scoreSheet = (cycleId, unitCode) => get(sheet(cycleId, unitCode))
export const scoreSheetXlsxUrl = (cycleId, unitCode) => sheet(cycleId, unitCode) + '.xlsx'

/** The preview endpoint of one item of one unit: the points its rule gives for the values typed. */
export const previewPath = (cycleId, unitCode, itemCode) =>
  `${cycle(cycleId)}/units/${seg(unitCode)}/items/${seg(itemCode)}/preview`
export const previewPoints = ({ cycleId, unitCode, itemCode }, values, signal) =>
  post(previewPath(cycleId, unitCode, itemCode), values, { signal })

/** The grading scheme (bands, quotas, veto caps) of a cycle. */
export const gradingScheme = (cycleId) => get(cycle(cycleId) + '/grading')
export const saveGradingScheme = (cycleId, scheme) => put(cycle(cycleId) + '/grading', scheme)
/** The grades a proposal would give now, per category, with quota use. */
export const previewGrades = (cycleId) => get(cycle(cycleId) + '/grades/preview')
/** The latest proposal and its approvals. */
export const latestGrades = (cycleId) => get(cycle(cycleId) + '/grades')
/** Proposes the grades (GradesProposed ends the office's proposal task). */
export const proposeGrades = (cycleId) => post(cycle(cycleId) + '/grades/proposals')

/**
 * A cycle in aggregate for the leaders' cockpit (leaders and the office): per category progress, percent
 * buckets and grades; the largest self-vs-reviewed gaps; deduction reasons and sources; earlier years.
 */
export const cockpit = (cycleId, { gaps, reasons } = {}) => get(cycle(cycleId) + '/cockpit' + query({ gaps, reasons }))

/**
 * A department's decisions from a workbook (扣分清单): the template with the caller's own units and items
 * (the office names the department), the preview of the points each row gives (nothing recorded), and the
 * commit (every row in one transaction, or none; the same workbook again records nothing twice). Uploads
 * report their progress with onProgress(loaded, total).
 */
/** The cycle's decisions ledger (扣分加分记录台账) as .xlsx: all for the office, a department its own. */
export const decisionsXlsxUrl = (cycleId) => cycle(cycleId) + '/decisions.xlsx'
export const decisionWorkbookUrl = (cycleId, department) => cycle(cycleId) + '/decision-workbook' + query({ department })
export function decisionWorkbookForm(file) {
  const body = new FormData()
  body.append('file', file, file.name)
  return body
}
export const previewDecisionWorkbook = (cycleId, file, onProgress, send = sendRaw) =>
  send({ method: 'POST', url: cycle(cycleId) + '/decision-workbook/preview', body: decisionWorkbookForm(file), onProgress })
export const commitDecisionWorkbook = (cycleId, file, onProgress, send = sendRaw) =>
  send({ method: 'POST', url: cycle(cycleId) + '/decision-workbook', body: decisionWorkbookForm(file), onProgress })

/** Every decision on a unit's item, superseded ones included: [{decision, supersededBy}]. */
export const itemDecisions = (cycleId, unitCode, itemCode) =>
  get(`/api/scoring/cycles/${seg(cycleId)}/units/${seg(unitCode)}/items/${seg(itemCode)}/decisions`)

/**
 * 加分申报: a unit's bonus items (what each takes — an amount or a count —, its cap, what is left, the matters
 * counted), the applications the caller may see (a unit its own, a department those on its items, the office
 * all), filing one for the unit, the department's acceptance or refusal with a reason, the unit's withdrawal.
 */
const bonus = (cycleId, id) => `${cycle(cycleId)}/bonus-applications/${seg(id)}`
export const bonusItems = (cycleId, unitCode) => get(`${cycle(cycleId)}/units/${seg(unitCode)}/bonus-items`)
export const bonusApplications = (cycleId) => get(cycle(cycleId) + '/bonus-applications')
export const fileBonusApplication = (cycleId, unitCode, body) =>
  post(`${cycle(cycleId)}/units/${seg(unitCode)}/bonus-applications`, body)
export const acceptBonusApplication = (cycleId, id) => post(bonus(cycleId, id) + '/accept')
export const refuseBonusApplication = (cycleId, id, reason) => post(bonus(cycleId, id) + '/refuse', { reason })
export const withdrawBonusApplication = (cycleId, id) => post(bonus(cycleId, id) + '/withdraw')

/**
 * 往年结果导入: earlier years' published results tables (汇总表) imported as final results, for the cockpit's
 * across-years charts (the office only). The form: the .xlsx, the year, its title and optional full marks per
 * category ({category code or name: points}, for sheets that print none). The preview answers every row as it
 * will be stored with the faults located; the commit stores the year whole or not at all (again: replaced).
 */
export const pastYears = () => get('/api/scoring/past-years')
export function pastYearForm({ file, year, title, fullMarks }) {
  const body = new FormData()
  body.append('file', file, file.name)
  body.append('year', String(year))
  body.append('title', title || '')
  if (fullMarks && Object.keys(fullMarks).length) body.append('fullMarks', JSON.stringify(fullMarks))
  return body
}
export const previewPastYear = (form, onProgress, send = sendRaw) =>
  send({ method: 'POST', url: '/api/scoring/past-years/preview', body: pastYearForm(form), onProgress })
export const commitPastYear = (form, onProgress, send = sendRaw) =>
  send({ method: 'POST', url: '/api/scoring/past-years', body: pastYearForm(form), onProgress })
export const deletePastYear = (year) => del(`/api/scoring/past-years/${seg(year)}`)
