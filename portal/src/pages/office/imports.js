// An office's workbook import (../../api/rubric.js's importWorkbook): which files it takes and where
// its faults are. The service locates them as "Sheet!R12:C5" (1-based row and column), "Sheet!R3"
// (a row), "Sheet" (a whole sheet), "file" or "file!L3:C7" (a JSON file's line and column).

/** 'xlsx', 'json', or null for a file the import does not take (by its name). */
export function fileKind(name) {
  const lower = String(name || '').toLowerCase()
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.json')) return 'json'
  return null
}

/** 1 → A, 27 → AA. */
export function columnLetter(n) {
  let letters = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) {
    letters = String.fromCharCode(65 + ((x - 1) % 26)) + letters
  }
  return letters
}

/** A fault's location taken apart: {sheet, row, column, letter} | {line, column} | {file} | {field}. */
export function parseLocation(location) {
  const text = String(location || '')
  let m = /^file!L(\d+):C(\d+)$/.exec(text)
  if (m) return { kind: 'line', line: Number(m[1]), column: Number(m[2]) }
  if (text === 'file') return { kind: 'file' }
  m = /^(.*)!R(\d+)(?::C(\d+))?$/.exec(text)
  if (m) {
    const column = m[3] ? Number(m[3]) : null
    return { kind: column ? 'cell' : 'row', sheet: m[1], row: Number(m[2]), column, letter: column ? columnLetter(column) : null }
  }
  return { kind: text ? 'sheet' : 'none', sheet: text }
}

/** The location in words, with the i18n function of the page (keys under rubricWork.at). */
export function locationWords(location, t) {
  const at = parseLocation(location)
  switch (at.kind) {
    case 'cell': return t('rubricWork.at.cell', at)
    case 'row': return t('rubricWork.at.row', at)
    case 'line': return t('rubricWork.at.line', at)
    case 'file': return t('rubricWork.at.file')
    case 'sheet': return t('rubricWork.at.sheet', at)
    default: return ''
  }
}

/** Import faults in workbook order (sheet as given, then row, then column), for a table. */
export function faultRows(errors, t) {
  const order = new Map()
  const rows = (errors || []).map((e, index) => {
    const at = parseLocation(e.location)
    if (!order.has(at.sheet || '')) order.set(at.sheet || '', order.size)
    return { index, at, where: locationWords(e.location, t), location: e.location, message: e.message }
  })
  return rows.sort((a, b) => (order.get(a.at.sheet || '') - order.get(b.at.sheet || ''))
    || ((a.at.row || 0) - (b.at.row || 0)) || ((a.at.column || 0) - (b.at.column || 0)) || (a.index - b.index))
}

/** The latest published version of a kind, whose export serves as the workbook's template. */
export function templateVersion(versions, kind) {
  const published = (versions || []).filter((v) => v.status === 'PUBLISHED' && (v.kind || 'SYSTEM') === kind)
  published.sort((a, b) => String(b.publishedAt || '').localeCompare(String(a.publishedAt || '')))
  return published[0] || null
}
