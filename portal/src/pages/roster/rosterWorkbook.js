// The roster workbook's import in the portal: the difference a previewed workbook makes, as rows the
// office reads before it applies them (rubric-service's RosterDiff: per part, added / changed / removed).

/** The parts of the roster in the workbook's sheet order. */
export const PARTS = ['categories', 'departments', 'units', 'contacts']

// Blank as —; a yes/no field (a unit's active) stays a boolean for the page to word.
const show = (value) => (value === null || value === undefined || value === '' ? '—' : typeof value === 'boolean' ? value : String(value))

/**
 * One row per change, part by part: {part, change: 'added' | 'changed' | 'removed', code, name, fields, how}.
 * {@code fields} lists a changed entry's fields as [{field, before, after}] (blank shown as —); {@code how} says
 * how a removed entry leaves (DEACTIVATED, DELETED, or KEPT: a category still in use).
 */
export function diffRows(diff) {
  const rows = []
  for (const part of PARTS) {
    const p = (diff && diff[part]) || {}
    for (const e of p.added || []) rows.push({ part, change: 'added', code: e.code, name: e.name, fields: [], how: '' })
    for (const c of p.changed || []) {
      rows.push({ part, change: 'changed', code: c.code, name: c.name, how: '',
        fields: (c.changes || []).map((f) => ({ field: f.field, before: show(f.before), after: show(f.after) })) })
    }
    for (const r of p.removed || []) rows.push({ part, change: 'removed', code: r.code, name: r.name, fields: [], how: r.how || '' })
  }
  return rows
}

/** Per part: how many added, changed, removed and left as they are, and whether the order changed. */
export function partCounts(diff) {
  return PARTS.map((part) => {
    const p = (diff && diff[part]) || {}
    return { part, added: (p.added || []).length, changed: (p.changed || []).length, removed: (p.removed || []).length,
      unchanged: p.unchanged || 0, reordered: !!p.reordered }
  })
}

/** Whether applying the preview would change anything. */
export function changesAnything(diff) {
  return partCounts(diff).some((c) => c.added || c.changed || c.removed || c.reordered)
}
