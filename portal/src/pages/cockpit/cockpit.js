// The leaders' cockpit: scoring's aggregates of a cycle (api/scoring.js cockpit), evidence's
// self-assessments with workflow's calendar (who is overdue), and workflow's rectifications, shaped
// into what each chart draws ({labels, series}) and what its .xlsx holds ({header, rows}).
import { PERIODS, progress } from '../cycles/cycles.js'

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v))

/** The cycle's units with their categories, as scoring lists them. */
export const unitsOf = (view) => ((view && view.unitHistory) || []).map((u) => ({ unitCode: u.unitCode, unitName: u.unitName, category: u.category }))

/**
 * Per category: units, self-assessments submitted and units fully reviewed (scoring), and units overdue: some
 * period of the calendar is past due (before {@code today}, 'YYYY-MM-DD') and its self-assessment not submitted.
 */
export function progressByCategory(view, assessments, calendar, today) {
  const pastDue = (calendar || []).filter((c) => PERIODS.includes(c.what) && c.due && c.due < today).map((c) => c.what)
  const rows = progress(unitsOf(view), assessments || [], pastDue)
  return ((view && view.categories) || []).map((c) => ({
    category: c.category,
    units: c.units,
    submitted: c.selfAssessed,
    reviewed: c.reviewed,
    overdue: rows.filter((r) => r.category === c.category && r.missing > 0).length,
  }))
}

/** Units per percent bucket, one series per category. */
export function distribution(view, categoryName = (c) => c) {
  const categories = (view && view.categories) || []
  const labels = categories.length ? categories[0].buckets.map((b) => b.label) : []
  const series = categories.map((c) => ({ name: categoryName(c.category), values: c.buckets.map((b) => b.count) }))
  return { labels, series, rows: labels.map((l, i) => [l, ...series.map((s) => s.values[i])]), header: series.map((s) => s.name) }
}

/** Units per grade and category: one bar per category, a stacked part per grade (in the scheme's order). */
export function gradeCounts(view, categoryName = (c) => c) {
  const categories = (view && view.categories) || []
  const grades = []
  categories.forEach((c) => c.grades.forEach((g) => grades.includes(g.grade) || grades.push(g.grade)))
  const labels = categories.map((c) => categoryName(c.category))
  const count = (c, grade) => (c.grades.find((g) => g.grade === grade) || { count: 0 }).count
  const series = grades.map((grade) => ({ name: grade, values: categories.map((c) => count(c, grade)) }))
  return { labels, series, header: grades, rows: categories.map((c, i) => [labels[i], ...grades.map((g) => count(c, g))]) }
}

/** The largest self-vs-reviewed gaps, largest first: self and reviewed score side by side. */
export function gaps(view) {
  const list = (view && view.gaps) || []
  return {
    labels: list.map((g) => `${g.unitName} · ${g.itemTitle || g.itemCode}`),
    self: list.map((g) => num(g.selfScore)),
    reviewed: list.map((g) => num(g.reviewedScore)),
    rows: list.map((g) => [g.unitName, g.itemCode, g.itemTitle || '', num(g.selfScore), num(g.reviewedScore), num(g.gap)]),
  }
}

/** Deduction reasons or sources, most frequent first: how many lines and how many points. */
export function tallies(list) {
  const items = list || []
  return {
    labels: items.map((r) => r.name),
    counts: items.map((r) => r.count),
    rows: items.map((r) => [r.name, r.count, num(r.points)]),
  }
}

/** How old an open rectification is, in whole days since it was opened. */
export const AGE_BUCKETS = [
  { key: 'upTo30', max: 30 },
  { key: 'upTo90', max: 90 },
  { key: 'upTo180', max: 180 },
  { key: 'over180', max: Infinity },
]

/** Open rectifications per age bucket, a series per kind; {@code now} in milliseconds. */
export function rectificationAges(rectifications, now) {
  const open = (rectifications || []).filter((r) => r.status === 'OPEN')
  const kinds = [...new Set(open.map((r) => r.kind))].sort()
  const bucketOf = (r) => {
    const days = Math.floor((now - Date.parse(r.openedAt)) / 86400000)
    return AGE_BUCKETS.findIndex((b) => days <= b.max)
  }
  const counts = kinds.map(() => AGE_BUCKETS.map(() => 0))
  const units = AGE_BUCKETS.map(() => [])
  for (const r of open) {
    const b = bucketOf(r)
    counts[kinds.indexOf(r.kind)][b] += 1
    units[b].push(r.unitCode)
  }
  return {
    keys: AGE_BUCKETS.map((b) => b.key),
    kinds,
    counts,
    total: open.length,
    rows: AGE_BUCKETS.map((b, i) => [b.key, ...kinds.map((k, j) => counts[j][i]), units[i].sort().join('、')]),
  }
}

/** A year of the history: a cycle the platform ran, or a year imported from its published 汇总表 (no cycle). */
const keyOf = (y) => y.cycleId || `imported-${y.year}`
export const isImported = (y) => y.source === 'IMPORTED'

/** The years the history names, oldest first: x-axis labels by year. */
function cyclesOf(histories) {
  const byKey = new Map()
  histories.forEach((h) => h.years.forEach((y) => byKey.set(keyOf(y), y)))
  return [...byKey.values()].sort((a, b) => a.year - b.year || keyOf(a).localeCompare(keyOf(b)))
}

// An imported year says so ("2024（往年导入）"); two cycles of one year are told apart by their titles.
const yearLabel = (y, all, importedMark) =>
  (all.filter((o) => o.year === y.year).length > 1 ? `${y.year} ${y.title}` : String(y.year)) + (isImported(y) && importedMark ? importedMark : '')

/**
 * Each category's mean percent across the years scoring holds (the platform's cycles and the imported years,
 * these labelled with {@code importedMark}): a line per category.
 */
export function categoryHistory(view, categoryName = (c) => c, importedMark = '') {
  const histories = (view && view.categoryHistory) || []
  const cycles = cyclesOf(histories)
  const labels = cycles.map((y) => yearLabel(y, cycles, importedMark))
  const series = histories.map((h) => ({
    name: categoryName(h.category),
    values: cycles.map((y) => num((h.years.find((o) => keyOf(o) === keyOf(y)) || {}).percent)),
  }))
  return { labels, series, header: series.map((s) => s.name), rows: labels.map((l, i) => [l, ...series.map((s) => s.values[i])]) }
}

/** One unit's percent and grade across the years (imported years labelled with {@code importedMark}). */
export function unitHistory(view, unitCode, importedMark = '') {
  const unit = ((view && view.unitHistory) || []).find((u) => u.unitCode === unitCode)
  const years = unit ? [...unit.years].sort((a, b) => a.year - b.year) : []
  return {
    labels: years.map((y) => yearLabel(y, years, importedMark)),
    values: years.map((y) => num(y.percent)),
    rows: years.map((y) => [y.year, y.title + (isImported(y) && importedMark ? importedMark : ''), num(y.percent), y.grade || '']),
  }
}
