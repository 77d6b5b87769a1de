// The office's cycle pages: the open-cycle request as workflow takes it, and who has not submitted.

export const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'YEAR']

/**
 * The open-cycle request (workflow's openCycle) from the form: whole categories (every active unit of each
 * that the version assesses) and/or units one by one with their name and category from the roster, less the
 * exceptions; calendar periods only where both dates are given (anything left out keeps seed 003's).
 */
export function openRequest(form, rosterUnits) {
  const byCode = new Map((rosterUnits || []).map((u) => [u.code, u]))
  const periods = PERIODS.filter((p) => form.periods[p] && form.periods[p].opens && form.periods[p].due)
    .map((p) => ({ period: p, opens: form.periods[p].opens, due: form.periods[p].due }))
  return {
    cycleId: form.cycleId && form.cycleId.trim() ? form.cycleId.trim() : null,
    year: form.year === '' || form.year == null ? null : Number(form.year),
    title: form.title,
    rubricVersionId: form.rubricVersionId || null,
    units: form.units.map((code) => {
      const unit = byCode.get(code) || { code, name: code, category: '' }
      return { unitCode: unit.code, unitName: unit.name, category: unit.category }
    }),
    categories: form.categories || [],
    except: form.except || [],
    calendar: periods.length ? { periods } : null,
  }
}

/**
 * Per unit and period, where its self-assessment stands: 'SUBMITTED' once a version is signed
 * off, else the draft's status, else 'NOT_OPENED'. {@code units}: [{unitCode, unitName, category}].
 */
export function progress(units, assessments, periods = PERIODS) {
  const byKey = new Map((assessments || []).map((a) => [`${a.unitCode}|${a.period}`, a]))
  return units.map((u) => {
    const row = { ...u, periods: {}, missing: 0 }
    for (const p of periods) {
      const a = byKey.get(`${u.unitCode}|${p}`)
      const state = !a ? 'NOT_OPENED' : a.submittedVersion > 0 ? 'SUBMITTED' : a.status
      row.periods[p] = { state, late: a && a.late, id: a && a.id }
      if (state !== 'SUBMITTED') row.missing += 1
    }
    return row
  })
}

/** The cycle's units as scoring's results table lists them (the only API that names them all). */
export function unitsOfResults(table) {
  const units = []
  for (const group of (table && table.groups) || []) {
    for (const row of group.rows) units.push({ unitCode: row.unitCode, unitName: row.unitName, category: group.category })
  }
  return units
}
