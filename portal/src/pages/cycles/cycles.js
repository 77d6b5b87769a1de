// The office's cycle pages: the open-cycle request as workflow takes it, and who has not submitted.

export const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'YEAR']

/**
 * The open-cycle request (workflow's openCycle) from the form: whole categories (every active unit of each
 * that the version assesses), a saved unit list, every unit the version assesses and/or units one by one with
 * their name and category from the roster, less the exceptions; calendar periods only where both dates are
 * given and the publicity period (公示期, working days) when set (anything left out keeps seed 003's and the
 * platform's).
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
    unitList: form.unitList || null,
    assessedUnits: form.assessedUnits ? true : null,
    except: form.except || [],
    calendar: calendarOf(periods, form.publicityDays),
  }
}

/** The calendar's overrides, or null when the form changes nothing (a blank 公示期 keeps the platform's). */
function calendarOf(periods, publicityDays) {
  const calendar = {}
  if (periods.length) calendar.periods = periods
  if (publicityDays !== '' && publicityDays != null) calendar.publicityDays = Number(publicityDays)
  return Object.keys(calendar).length ? calendar : null
}

/**
 * The units the form picks as far as the portal can tell before asking: the active units of the chosen
 * categories, the saved list's, the ones added one by one, less the exceptions (workflow then keeps those
 * the version assesses, and adds them all when "every unit the version assesses" is ticked).
 */
export function pickedUnits(form, rosterUnits, lists) {
  const picked = new Set(form.units || [])
  const categories = new Set(form.categories || [])
  for (const u of rosterUnits || []) if (u.active !== false && categories.has(u.category)) picked.add(u.code)
  const list = (lists || []).find((l) => l.code === form.unitList)
  for (const code of (list && list.units) || []) picked.add(code)
  for (const code of form.except || []) picked.delete(code)
  return [...picked]
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
