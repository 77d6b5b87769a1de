// 公示与申诉: the appeal form's check and body, the office's decision form, which decisions an
// appeal can contest, and an appeal's state in words (an i18n key).
import { CODE_MAX, NAME_MAX, PARAGRAPH_MAX, charCount } from '../../inputLimits.js'

/** The tasks of an appeal, in the order they come: the department answers, the office decides, the leader approves again. */
export const APPEAL_TASKS = ['UserTask_AnswerAppeal', 'UserTask_DecideAppeal', 'UserTask_ReapproveUnit']

/** The evidence references as typed, one a line (ids or descriptions), blanks dropped. */
export function evidenceLines(text) {
  return String(text || '').split('\n').map((line) => line.trim()).filter(Boolean)
}

/** The appeal as AppealRequest takes it. */
export function appealBody(unitCode, form) {
  return { unitCode, itemCode: (form.itemCode || '').trim(), reason: (form.reason || '').trim(), evidence: evidenceLines(form.evidence) }
}

/** The appeal form's own faults, as the API would find them: {field: {key, args}}. */
export function appealFaults(body) {
  const faults = {}
  if (!body.itemCode) faults.itemCode = { key: 'appeals.required' }
  else if (body.itemCode.length > CODE_MAX) faults.itemCode = { key: 'appeals.tooLong', args: { max: CODE_MAX } }
  if (!body.reason) faults.reason = { key: 'appeals.required' }
  else if (charCount(body.reason) > PARAGRAPH_MAX) faults.reason = { key: 'appeals.tooLong', args: { max: PARAGRAPH_MAX } }
  if (body.evidence.length > 20) faults.evidence = { key: 'appeals.tooManyEvidence', args: { max: 20 } }
  else if (body.evidence.some((e) => charCount(e) > NAME_MAX)) faults.evidence = { key: 'appeals.tooLong', args: { max: NAME_MAX } }
  return faults
}

/** The department's answer (AnswerAppealForm). */
export function answerFaults(body) {
  if (!body.answer) return { answer: { key: 'appeals.required' } }
  if (charCount(body.answer) > PARAGRAPH_MAX) return { answer: { key: 'appeals.tooLong', args: { max: PARAGRAPH_MAX } } }
  return {}
}

/** The office's decision as DecideAppealForm takes it: upheld carries the correction, rejected none. */
export function decideBody(form) {
  const body = { outcome: form.outcome, reason: (form.reason || '').trim() }
  if (form.outcome === 'UPHELD') {
    body.correction = { supersedes: form.supersedes || '', kind: form.kind || 'WITHDRAWAL' }
    if (body.correction.kind === 'DEDUCTION') body.correction.amount = form.amount === '' || form.amount == null ? null : Number(form.amount)
  }
  return body
}

/** The decision form's own faults. */
export function decideFaults(body) {
  const faults = {}
  if (body.outcome !== 'UPHELD' && body.outcome !== 'REJECTED') faults.outcome = { key: 'appeals.required' }
  if (!body.reason) faults.reason = { key: 'appeals.required' }
  else if (charCount(body.reason) > PARAGRAPH_MAX) faults.reason = { key: 'appeals.tooLong', args: { max: PARAGRAPH_MAX } }
  if (body.outcome === 'UPHELD') {
    if (!body.correction.supersedes) faults['correction.supersedes'] = { key: 'appeals.pickDecision' }
    if (body.correction.kind === 'DEDUCTION') {
      const amount = body.correction.amount
      if (amount == null || !(amount > 0)) faults['correction.amount'] = { key: 'appeals.amountPositive' }
      else if (Math.round(amount * 100) !== amount * 100) faults['correction.amount'] = { key: 'appeals.twoDecimals' }
    }
  }
  return faults
}

/** The decisions in force on the item (none supersedes them), those an upheld appeal can correct. */
export function contestable(history) {
  return (history || []).filter((row) => row && row.decision && !row.supersededBy && row.decision.kind !== 'WITHDRAWAL')
    .map((row) => row.decision)
}

/** An appeal's state as an i18n key: waiting for the department, the office, the leader; upheld; rejected. */
export function stateKey(appeal) {
  if (!appeal) return 'appeals.states.unknown'
  if (appeal.status === 'CLOSED') return appeal.outcome === 'UPHELD' ? 'appeals.states.upheld' : 'appeals.states.rejected'
  switch (appeal.step) {
    case 'UserTask_AnswerAppeal': return 'appeals.states.answering'
    case 'UserTask_DecideAppeal': return 'appeals.states.deciding'
    case 'UserTask_ReapproveUnit': return 'appeals.states.reapproving'
    default: return 'appeals.states.processing'
  }
}

/** Whether a publicity period ending at {@code end} (an instant, or none) is still open at {@code now}. */
export function publicityOpen(end, now = Date.now()) {
  return !!end && Date.parse(end) > now
}

/** Whether appeals are over: the period's end is known and passed (before it is known, the form stays). */
export function publicityOver(end, now = Date.now()) {
  return !!end && !publicityOpen(end, now)
}

/** The unit's items of its score sheet, for the appeal's item choice: [{itemCode, title, finalScore, deductions}]. */
export function sheetItems(sheet) {
  const items = []
  for (const section of (sheet && sheet.sections) || []) {
    for (const item of section.items || []) {
      items.push({ itemCode: item.itemCode, title: item.title, section: section.title, points: item.points,
        score: item.finalScore ?? item.reviewedScore ?? null,
        deductions: (item.deductions || []).map((d) => d.text || d.reason || '').filter(Boolean) })
    }
  }
  return items
}
