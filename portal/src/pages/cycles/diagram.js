// The process drawn: what the diagram shows on each step (the count of units there, overdue in red)
// and one unit's position in words. Pure functions over the workflow's /progress and /position
// answers, so the component only draws.

/** The models a cycle runs, in the order a person follows them. */
export const MODELS = ['annual-cycle', 'unit-assessment', 'period-assessment', 'rectification']

/** A step's or model's name in the UI's language (the other one when it is missing). */
export function nameIn(node, locale) {
  if (!node) return ''
  const en = String(locale || '').startsWith('en')
  return (en ? node.nameEn || node.name : node.name || node.nameEn) || ''
}

/** The model of {@code key} in a progress answer, or null. */
export function modelOf(progress, key) {
  return ((progress && progress.models) || []).find((m) => m.key === key) || null
}

/**
 * The badges of one model: per step where something waits, the count (units, or waiting places for
 * the cycle's own steps, which have none) and whether any of it is overdue.
 * [{activityId, count, overdue, overdueCount, title}]
 */
export function countOverlays(model, locale) {
  if (!model) return []
  return (model.steps || [])
    .map((s) => {
      const count = s.units > 0 ? s.units : s.waiting
      const overdueCount = s.units > 0 ? s.overdueUnits : s.overdue
      return { activityId: s.activityId, count, overdue: overdueCount > 0, overdueCount, title: nameIn(s, locale) }
    })
    .filter((o) => o.count > 0)
}

/** Per model key, how many units wait somewhere in it (the model picker's badges). */
export function unitsPerModel(progress) {
  const counts = {}
  for (const key of MODELS) {
    const model = modelOf(progress, key)
    counts[key] = model ? Math.max(0, ...model.steps.map((s) => s.units || 0)) : 0
  }
  return counts
}

/** The units at one step as the list under the diagram shows them, overdue first. */
export function unitsAt(model, activityId) {
  const step = model && (model.steps || []).find((s) => s.activityId === activityId)
  if (!step) return []
  return [...(step.unitsThere || [])].sort((a, b) => Number(b.overdue) - Number(a.overdue)
    || String(a.unitCode).localeCompare(String(b.unitCode)))
}

/**
 * Who a task waits for, in words: the role, and the unit or department by name ({@code names}
 * gives the roster's names when the answer has none). Never a group id.
 */
export function partyText(party, { t, unitName = (c) => c, departmentName = (c) => c }) {
  const role = t('roles.' + party.role)
  if (party.department) return `${party.departmentName || departmentName(party.department)} ${role}`
  if (party.unitCode) return `${party.unitName || unitName(party.unitCode)} ${role}`
  return role
}

/**
 * One unit's position as lines: each step it waits in (the calls that only lead to it left out),
 * what it waits for, since when, the due date, overdue. [{model, activityId, name, period, waitsFor, since, due, overdue}]
 */
export function positionLines(position, { t, locale, unitName, departmentName }) {
  if (!position) return []
  return (position.steps || [])
    .filter((s) => s.kind !== 'CALL')
    .map((s) => {
      let waitsFor
      if (s.kind === 'TASK') {
        waitsFor = (s.waitsFor || []).map((p) => partyText(p, { t, unitName, departmentName })).join('、')
      } else if (s.kind === 'TIMER') {
        waitsFor = t('diagram.waitsForDate')
      } else if (s.kind === 'MESSAGE') {
        waitsFor = t('diagram.waitsForEvent')
      } else {
        waitsFor = t('diagram.waitsForSystem')
      }
      return { model: s.model, activityId: s.activityId, name: nameIn(s, locale), period: s.period || null,
        waitsFor, since: s.since || null, due: s.due || s.until || null, overdue: !!s.overdue }
    })
}

/** The steps of {@code model} the unit is at (calls included: they lead to where it is), for the diagram's markers. */
export function positionMarkers(position, model) {
  if (!position) return []
  return (position.steps || []).filter((s) => s.model === model).map((s) => ({ activityId: s.activityId, overdue: !!s.overdue }))
}

/** The model to show a unit's position on first: the one of its first step that is not a call. */
export function firstModelOf(position) {
  const step = ((position && position.steps) || []).find((s) => s.kind !== 'CALL')
  return step ? step.model : 'unit-assessment'
}
