// The leader's approval of one unit category (ApprovalForm): each unit still awaiting approval is
// approved or returned, with a reason and the named step it goes back to.

export const RETURN_STEPS = ['YEAR_SELF_ASSESSMENT', 'YEAR_END_REVIEW', 'SCORING']
export const APPROVE_TASK = 'UserTask_ApproveGrades'

/** A decision per pending unit, approve by default. */
export function initialDecisions(pendingUnits) {
  const decisions = {}
  for (const unit of pendingUnits || []) {
    decisions[unit] = { decision: 'approve', reason: '', returnTo: 'YEAR_END_REVIEW' }
  }
  return decisions
}

/** The form the API takes, in the pending units' order (the order its errors' indexes refer to). */
export function approvalForm(pendingUnits, decisions) {
  const approve = []
  const returns = []
  for (const unit of pendingUnits || []) {
    const d = decisions[unit]
    if (!d) continue
    if (d.decision === 'return') {
      returns.push({ unitCode: unit, reason: (d.reason || '').trim(), returnTo: d.returnTo || null })
    } else {
      approve.push(unit)
    }
  }
  return { approve, returns }
}

/** Faults the API would find, by unit: a return needs a reason (at most 2000 characters) and a step. */
export function localFaults(form) {
  const faults = {}
  for (const r of form.returns) {
    const at = []
    if (!r.reason) at.push({ field: 'reason', key: 'approval.reasonRequired' })
    else if (r.reason.length > 2000) at.push({ field: 'reason', key: 'approval.reasonTooLong' })
    if (!r.returnTo) at.push({ field: 'returnTo', key: 'approval.stepRequired' })
    if (at.length) faults[r.unitCode] = at
  }
  return faults
}

/** The unit an API error's location ("returns[1].reason") is about, and the field, or null. */
export function unitOfLocation(location, form) {
  const m = /^returns\[(\d+)]\.?(\w*)/.exec(location || '')
  if (!m) return null
  const r = form.returns[Number(m[1])]
  return r ? { unit: r.unitCode, field: m[2] || 'reason' } : null
}

/** The grade distribution as chart series, in the proposal's order. */
export function distributionSeries(distribution) {
  const entries = Object.entries(distribution || {})
  return { labels: entries.map(([grade]) => grade), values: entries.map(([, n]) => n) }
}

/** Whether the self-score and the reviewed score differ enough to be worth the leader's eye. */
export function gapState(gap) {
  if (gap === null || gap === undefined) return 'none'
  const n = Number(gap)
  if (Number.isNaN(n) || n === 0) return 'none'
  return Math.abs(n) >= 1 ? 'large' : 'small'
}

/** The open approval tasks of one cycle (none when no cycle is chosen). */
export function tasksOfCycle(tasks, cycleId) {
  return cycleId ? (tasks || []).filter((x) => x.cycleId === cycleId) : []
}
