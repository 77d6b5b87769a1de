// Reading and writing a self-assessment (evidence-service): the lines grouped under their
// top-level indicator, the draft sent back as the API takes it, and field locations as the API
// names them ("lines[1.2.1].selfScore"). The uploads are ../../api/evidence.js's.

/** The lines under their top-level indicator, in the API's order. */
export function groupByTop(lines) {
  const groups = []
  const byTitle = new Map()
  for (const line of lines || []) {
    const title = line.topLevelTitle || (line.path && line.path[0]) || ''
    if (!byTitle.has(title)) {
      const group = { title, lines: [], points: 0 }
      byTitle.set(title, group)
      groups.push(group)
    }
    const group = byTitle.get(title)
    group.lines.push(line)
    group.points += Number(line.points) || 0
  }
  return groups
}

/** The tag colour of a self-assessment's status: submitted green, returned red, awaiting the head's sign-off amber. */
export function statusTagType(status) {
  return ({ SUBMITTED: 'success', RETURNED: 'danger', AWAITING_SIGN_OFF: 'warning' })[status] || 'info'
}

/** The values the item's rule needs entered (MeasureSpec: name, kind, label). */
export function measuresOf(line) {
  return line.measures || (line.rule && line.rule.measures) || []
}

/** A form's copy of a line: what the unit edits. */
export function editableCopy(line) {
  const measured = {}
  for (const spec of measuresOf(line)) {
    measured[spec.name] = line.measured && line.measured[spec.name] != null ? line.measured[spec.name] : null
  }
  return {
    itemCode: line.itemCode,
    selfScore: line.selfScore == null ? null : Number(line.selfScore),
    measured,
    statement: line.statement || '',
  }
}

/** The draft request's line: blank values as null (a draft may be partial). */
export function draftLine(copy) {
  const measured = {}
  for (const [name, value] of Object.entries(copy.measured || {})) {
    measured[name] = value === '' || value === undefined ? null : value
  }
  return {
    itemCode: copy.itemCode,
    selfScore: copy.selfScore === '' || copy.selfScore === undefined ? null : copy.selfScore,
    measured,
    statement: copy.statement && copy.statement.trim() ? copy.statement : null,
  }
}

/** Whether a form copy differs from what was saved. */
export function changed(copy, line) {
  return JSON.stringify(draftLine(copy)) !== JSON.stringify(draftLine(editableCopy(line)))
}

/** Where the API puts a fault of a line's field: lines[<code>].<field>. */
export const lineField = (itemCode, field) => `lines[${itemCode}]${field ? '.' + field : ''}`
/** Where the review API puts a fault of a decision: decisions[<code>].<field>. */
export const decisionField = (itemCode, field) => `decisions[${itemCode}]${field ? '.' + field : ''}`

/** The points of a score as the API would keep them (two places), or null. */
export function twoPlaces(value) {
  if (value === null || value === undefined || value === '') return null
  return Math.round(Number(value) * 100) / 100
}

/** The self-score's own check, as the API makes it: within [0, points], two decimals. */
export function scoreFault(score, points, t) {
  if (score === null || score === undefined || score === '') return ''
  const n = Number(score)
  if (Number.isNaN(n) || n < 0 || n > Number(points)) return t('assessment.scoreRange', { points })
  if (Math.round(n * 100) !== n * 100) return t('assessment.scoreScale')
  return ''
}

/** Tag colour of a line's review status. */
export function reviewTagType(status) {
  return { ACCEPTED: 'success', RETURNED: 'danger', PENDING: 'warning' }[status] || 'info'
}

/** Today in the browser's zone as yyyy-MM-dd: the evidence date a file gets unless the unit says otherwise. */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
