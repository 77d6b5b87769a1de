// A department's decisions workbook (扣分清单) in the portal: what the preview answered, as the table
// the department checks before it commits; the faults of a refused commit at their rows.

const ORDER = { 扣分加分: 0, 测量值: 1 }

/** Points as offices write them, signed: +2, -0.1, 0; blank while the item is not scored yet. */
export function signedPoints(points) {
  if (points === null || points === undefined || points === '') return ''
  const n = Number(points)
  if (!Number.isFinite(n)) return String(points)
  const plain = String(Number(n.toFixed(2)))
  return n > 0 ? '+' + plain : plain
}

/** Points without trailing zeros (4.9, not 4.90); blank when unscored. */
export function plainPoints(points) {
  if (points === null || points === undefined || points === '') return ''
  const n = Number(points)
  return Number.isFinite(n) ? String(Number(n.toFixed(2))) : String(points)
}

/** The preview's (or a refused commit's) rows for the table: sheet order, then row order. */
export function previewRows(results) {
  return (results || [])
    .map((r) => ({
      key: `${r.sheet}!${r.row}`,
      sheet: r.sheet,
      row: r.row,
      unit: r.unitName ? `${r.unitName}（${r.unitCode || ''}）` : r.unitCode || '',
      item: r.itemTitle ? `${r.itemCode} ${r.itemTitle}` : r.itemCode || '',
      kind: r.kind || '',
      status: r.status,
      points: signedPoints(r.points),
      before: plainPoints(r.before),
      after: plainPoints(r.after),
      faults: (r.faults || []).map((f) => f.message),
    }))
    .sort((a, b) => (ORDER[a.sheet] ?? 9) - (ORDER[b.sheet] ?? 9) || a.row - b.row)
}

/** The counts over the preview, and whether it may be committed: rows to record and no fault. */
export function summary(outcome) {
  if (!outcome) return { rows: 0, recorded: 0, alreadyRecorded: 0, faulty: 0, committable: false }
  const { rows = 0, recorded = 0, alreadyRecorded = 0, faulty = 0 } = outcome
  return { rows, recorded, alreadyRecorded, faulty, committable: faulty === 0 && recorded > 0 }
}
