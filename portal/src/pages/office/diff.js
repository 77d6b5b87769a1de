// Reading rubric-service's diff of two versions: the version's own fields, nodes added and
// removed, and nodes changed field by field, grouped under their top-level indicator.

/** Codes in the tree's order: "1.10" after "1.9". */
export function compareCodes(a, b) {
  const x = String(a).split(/[.-]/)
  const y = String(b).split(/[.-]/)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined) return -1
    if (y[i] === undefined) return 1
    const nx = Number(x[i])
    const ny = Number(y[i])
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x[i].localeCompare(y[i])
    if (c !== 0) return c
  }
  return 0
}

/** The group a code belongs to: its first segment ("1.2.3" → "1", "bz-sjw-3" → "bz-sjw"). */
export function rootOf(code) {
  const text = String(code)
  const item = /^(.*)-\d+$/.exec(text)
  return item ? item[1] : text.split('.')[0]
}

/**
 * Rows for a table: {kind: 'added'|'removed'|'changed', code, path, field, before, after}, one per
 * changed field, grouped by top-level code, each group in code order.
 */
export function diffGroups(diff) {
  const rows = []
  for (const n of (diff && diff.added) || []) rows.push({ kind: 'added', code: n.code, path: n.path, field: 'points', before: null, after: n.points })
  for (const n of (diff && diff.removed) || []) rows.push({ kind: 'removed', code: n.code, path: n.path, field: 'points', before: n.points, after: null })
  for (const n of (diff && diff.changed) || []) {
    for (const c of n.changes || []) rows.push({ kind: 'changed', code: n.code, path: n.path, field: c.field, before: c.before, after: c.after })
  }
  const groups = new Map()
  for (const row of rows) {
    const root = rootOf(row.code)
    if (!groups.has(root)) groups.set(root, [])
    groups.get(root).push(row)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareCodes(a, b))
    .map(([root, list]) => {
      list.sort((a, b) => compareCodes(a.code, b.code))
      // A node's name is shown once, on its first row.
      list.forEach((row, i) => { row.first = i === 0 || list[i - 1].code !== row.code || list[i - 1].kind !== row.kind })
      return { root, rows: list }
    })
}

export function diffCounts(diff) {
  return {
    version: ((diff && diff.version) || []).length,
    added: ((diff && diff.added) || []).length,
    removed: ((diff && diff.removed) || []).length,
    changed: ((diff && diff.changed) || []).length,
  }
}

const trimPoints = (v) => {
  const n = Number(v)
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : String(v)
}

/**
 * A field's value in words: points as numbers ({@code names.points}, the page's format, when given),
 * departments and categories by name, a rule by its wording, lists joined; null as "—".
 */
export function formatValue(field, value, names = {}) {
  if (value === null || value === undefined || value === '') return '—'
  const department = names.departmentName || ((x) => x)
  const category = names.categoryName || ((x) => x)
  if (field === 'points') return (names.points || trimPoints)(value)
  if (Array.isArray(value)) {
    if (!value.length) return '—'
    const name = field === 'assessingDepartments' ? department : field === 'appliesTo' || field === 'categories' ? category : (x) => x
    return value.map((x) => (typeof x === 'object' ? JSON.stringify(x) : name(String(x)))).join('、')
  }
  if (field === 'assessingDepartment') return department(String(value))
  if (typeof value === 'object') {
    if (field === 'rule' && value.wording) return value.type ? `${value.wording}（${value.type}）` : value.wording
    return JSON.stringify(value)
  }
  return String(value)
}
