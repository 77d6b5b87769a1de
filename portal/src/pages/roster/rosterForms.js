// The roster's forms (units, assessing departments, unit categories), checked as rubric-service
// checks them before ../../api/rubric.js's saveRosterEntry sends one, and its history.

export const KINDS = ['units', 'departments', 'categories']
import { ROSTER_CODE_PATTERN, NAME_MAX as NAME_LIMIT, charCount } from '../../inputLimits.js'

export const CODE_PATTERN = ROSTER_CODE_PATTERN
export const NAME_MAX = NAME_LIMIT

export const emptyForm = () => ({ code: '', name: '', category: '', parent: '' })

/** Faults the service would find, by field (message keys under rosterAdmin.errors), before asking it. */
export function checkForm(kind, form, creating) {
  const faults = {}
  const code = (form.code || '').trim()
  const name = (form.name || '').trim()
  if (creating && !CODE_PATTERN.test(code)) faults.code = 'code'
  if (!name) faults.name = 'nameMissing'
  else if (charCount(name) > NAME_MAX) faults.name = 'nameTooLong'
  if (kind === 'units') {
    if (!form.category) faults.category = 'categoryMissing'
    if (form.parent && form.parent === code) faults.parent = 'parentSelf'
  }
  return faults
}

export const emptyList = () => ({ code: '', name: '', units: [] })

/** A saved unit list's faults as rubric-service finds them (keys under rosterAdmin.errors), before asking it. */
export function checkList(form, creating) {
  const faults = {}
  const name = (form.name || '').trim()
  if (creating && !CODE_PATTERN.test((form.code || '').trim())) faults.code = 'code'
  if (!name) faults.name = 'nameMissing'
  else if (charCount(name) > NAME_MAX) faults.name = 'nameTooLong'
  if (!form.units || !form.units.length) faults.units = 'listEmpty'
  return faults
}

/** The active units of a category in the roster's order. */
export function unitsOfCategory(units, category) {
  return (units || []).filter((u) => u.category === category && u.active !== false).map((u) => u.code)
}

/** History entries newest first, each with its recorded entry read from the detail JSON. */
export function historyRows(history, filter = {}) {
  return (history || [])
    .map((h) => {
      let detail = null
      try {
        detail = h.detail ? JSON.parse(h.detail) : null
      } catch {
        detail = null
      }
      return { ...h, entry: detail, name: detail && detail.name }
    })
    .filter((h) => (!filter.kind || h.kind === filter.kind) && (!filter.code || h.code === filter.code))
    .sort((a, b) => b.id - a.id)
}

/** Units matching a category and a search text (code or name). */
export function filterUnits(units, { category, text } = {}) {
  const q = (text || '').trim().toLowerCase()
  return (units || []).filter((u) => (!category || u.category === category)
    && (!q || u.code.toLowerCase().includes(q) || (u.name || '').toLowerCase().includes(q)))
}
