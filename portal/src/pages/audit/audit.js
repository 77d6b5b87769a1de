// The audit page's plain logic: filters as the API takes them, how an outcome is shown, what a
// record's detail lists.

export const OUTCOMES = ['SUCCESS', 'FAILED', 'REFUSED']
export const CATEGORIES = ['WRITE', 'EXPORT', 'REFUSAL', 'LOGIN', 'ADMIN', 'SYSTEM']
export const ROLES = ['office-admin', 'unit-reporter', 'unit-head', 'dept-reviewer', 'inspector', 'leader', 'audit-admin', 'service']

export function emptyFilter() {
  return { from: '', to: '', user: '', role: '', unit: '', action: '', object: '', outcome: '', category: '', source: '', text: '' }
}

/** The filter the API takes: the date range picker's pair as from/to (days, to inclusive). */
export function apiFilter(filter, range) {
  const [from, to] = Array.isArray(range) ? range : []
  return { ...filter, from: from || '', to: to || '' }
}

/** Element Plus's tag type of an outcome. */
export function outcomeType(outcome) {
  return { SUCCESS: 'success', FAILED: 'warning', REFUSED: 'danger' }[outcome] || 'info'
}

/** What was done, in one line: the domain verb where known, with the method and route. */
export function actionOf(record) {
  const route = [record.method, record.route].filter(Boolean).join(' ')
  if (record.verb && route) return `${record.verb} · ${route}`
  return record.verb || route || '—'
}

/** The object acted on: kind and id. */
export function objectOf(record) {
  return [record.objectType, record.objectId].filter(Boolean).join(' ') || '—'
}

/** The detail's rows, in reading order: [label key, value, monospace?]. Empty values are left out. */
export function detailRows(record) {
  const rows = [
    ['seq', record.seq], ['occurredAt', record.occurredAt, false, 'time'], ['recordedAt', record.recordedAt, false, 'time'],
    ['source', record.source], ['category', record.category], ['outcome', record.outcome], ['status', record.status],
    ['reason', record.reason], ['username', record.username], ['roles', (record.roles || []).join(', ')],
    ['unit', record.unit], ['department', record.department], ['inspectionUnits', (record.inspectionUnits || []).join(', ')],
    ['verb', record.verb], ['method', record.method], ['route', record.route], ['path', record.path],
    ['objectType', record.objectType], ['objectId', record.objectId], ['cycleId', record.cycleId], ['unitCode', record.unitCode],
    ['clientAddress', record.clientAddress], ['forwardedFor', record.forwardedFor], ['peerAddress', record.peerAddress],
    ['traceId', record.traceId, true], ['requestDigest', record.requestDigest, true], ['requestBytes', record.requestBytes],
    ['before', record.before, true], ['after', record.after, true], ['beforeDigest', record.beforeDigest, true],
    ['afterDigest', record.afterDigest, true], ['eventId', record.eventId, true], ['prevDigest', record.prevDigest, true],
    ['digest', record.digest, true],
  ]
  return rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value, mono = false, kind = 'text']) => ({ key, value, mono, kind }))
}
