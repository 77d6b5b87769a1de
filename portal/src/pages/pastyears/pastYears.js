// 往年结果导入: an earlier year's published results table (汇总表) imported as final results, so the
// cockpit compares units and categories across years from before the platform. What the form sends,
// what the preview answered as the table the office checks before it confirms, and the years listed.

const blank = (v) => v === null || v === undefined || String(v).trim() === ''

/** The full marks the office typed per category ([{category, points}]) as the API takes them; blanks left out. */
export function fullMarksOf(entries) {
  const marks = {}
  for (const e of entries || []) {
    const points = Number(e.points)
    if (!blank(e.category) && !blank(e.points) && Number.isFinite(points) && points > 0) marks[e.category] = points
  }
  return marks
}

/** What the form still lacks before a preview is asked for: i18n keys (file, a four-digit year, a title). */
export function formProblems({ file, year, title }) {
  const problems = []
  if (!file) problems.push('pastYears.needFile')
  if (!/^\d{4}$/.test(String(year ?? '').trim())) problems.push('pastYears.needYear')
  if (blank(title)) problems.push('pastYears.needTitle')
  return problems
}

/** The title offices give such a year by default: "2024年度目标绩效考核". */
export const defaultTitle = (year) => (/^\d{4}$/.test(String(year ?? '').trim()) ? `${String(year).trim()}年度目标绩效考核` : '')

const two = (v) => (blank(v) ? '' : String(Number(Number(v).toFixed(2))))

/** The preview's (or a refused commit's) rows for the table, in the workbook's order. */
export function previewRows(results) {
  return (results || []).map((r) => ({
    key: `${r.sheet}!${r.row}`,
    sheet: r.sheet,
    row: r.row,
    written: r.writtenName || '',
    unit: r.unitCode ? `${r.unitName || r.unitCode}（${r.unitCode}）` : '',
    category: r.categoryName || r.category || '',
    score: two(r.score),
    fullMarks: two(r.fullMarks),
    percent: two(r.percent),
    grade: r.grade || '',
    status: r.status,
    notes: r.notes || [],
    faults: (r.faults || []).map((f) => f.message),
  }))
}

/** Faults of the workbook as a whole (no header found, too many rows, no unit): not at any unit's row. */
export function sheetFaults(outcome) {
  if (!outcome) return []
  const atRows = new Set((outcome.results || []).flatMap((r) => (r.faults || []).map((f) => f.location)))
  return (outcome.faults || []).filter((f) => !atRows.has(f.location)).map((f) => f.message)
}

/** The counts of a preview and whether it may be committed: rows, none faulty, no fault of the sheet. */
export function summary(outcome) {
  if (!outcome) return { rows: 0, faulty: 0, committable: false }
  const rows = outcome.rows || 0
  const faulty = outcome.faulty || 0
  return { rows, faulty, committable: rows > 0 && faulty === 0 && !(outcome.faults || []).length }
}

/** The imported years, newest first, each saying whether the platform's own cycle of that year wins. */
export function yearsListed(list) {
  return [...(list || [])]
    .sort((a, b) => b.year - a.year)
    .map((y) => ({ ...y, shadowed: (y.platformCycles || []).length > 0 }))
}
