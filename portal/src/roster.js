import { reactive } from 'vue'
import { getRoster } from './api/rubric.js'

// Names for the codes the APIs speak (units, assessing departments, unit categories), from the
// rubric-service roster. Loaded once; without it the pages show the codes themselves.
export const roster = reactive({ units: {}, departments: {}, categories: {}, loaded: false })
let loading = null

export function loadRoster() {
  if (!loading) {
    loading = getRoster()
      .then((data) => {
        for (const [key, list] of [['units', data.units], ['departments', data.departments], ['categories', data.categories]]) {
          roster[key] = Object.fromEntries((list || []).map((x) => [x.code, x.name]))
        }
        roster.loaded = true
      })
      .catch(() => {
        loading = null // try again on a later page
      })
  }
  return loading
}

export const unitName = (code) => (code && roster.units[code]) || code
export const departmentName = (code) => (code && roster.departments[code]) || code
export const categoryName = (code) => (code && roster.categories[code]) || code

/** Loads the names again, after the roster changed. */
export function reloadRoster() {
  loading = null
  return loadRoster()
}
