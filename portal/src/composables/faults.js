import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'

// The one way a form places its faults beside its fields: its own checks ({field: {key, args}}, as
// the pages' checks find them) in the UI's words, or an API refusal's errors by their location
// ("measures[0].deadline"), several at one place joined. Whatever has no field of its own is listed
// by <ProblemAlert> with the refusal's detail.

/** An API refusal's located errors as {location: 'message；message'}. */
export function placeErrors(errors) {
  const at = {}
  for (const e of errors || []) {
    if (e.location) at[e.location] = at[e.location] ? `${at[e.location]}；${e.message}` : e.message
  }
  return at
}

/** A form's own faults in the UI's words, by field. */
export function faultsInWords(found, t) {
  return Object.fromEntries(Object.entries(found).map(([at, f]) => [at, t(f.key, f.args || {})]))
}

/** The faults shown that still hold once the form changed: a field fixed loses its message as it is typed. */
export function pruneFaults(shown, found) {
  return Object.fromEntries(Object.entries(shown).filter(([at]) => at in found))
}

const inside = (location, field) => location === field || location.startsWith(field + '.') || location.startsWith(field + '[')

/** The messages placed at {@code field} or inside it ("calendar.periods[0].due" is inside "calendar"), joined. */
export function within(messages, field) {
  return Object.entries(messages || {}).filter(([at]) => inside(at, field)).map(([, m]) => m).join('；')
}

/**
 * A form's faults. {@code fields}: the places the form shows faults at (a place also covers what is
 * inside it), or a function answering them; a refusal's errors elsewhere are listed by
 * <ProblemAlert :error :placed>.
 */
export function useFaults(fields = []) {
  const { t } = useI18n()
  const messages = ref({})
  const error = ref(null)
  const faults = reactive({
    messages,
    error,
    /** The places the form shows faults at ({@code fields} may be a function of the form's state). */
    get placed() {
      return typeof fields === 'function' ? fields() : fields
    },
    /** The message at exactly {@code field}. */
    at: (field) => messages.value[field] || '',
    /** The messages at {@code field} or inside it. */
    within: (field) => within(messages.value, field),
    /** Shows the form's own faults; true when there are none. */
    check(found) {
      error.value = null
      messages.value = faultsInWords(found, t)
      return Object.keys(found).length === 0
    },
    /** Shows an API refusal: its detail above the form, its located errors at their fields (or where {@code place} puts them). */
    refuse(e, place = (x) => placeErrors(x && x.errors)) {
      error.value = e
      messages.value = place(e)
    },
    /** Keeps only the messages of the faults still {@code found} (the form changed). */
    prune(found) {
      if (Object.keys(messages.value).length) messages.value = pruneFaults(messages.value, found)
    },
    clear() {
      error.value = null
      messages.value = {}
    },
  })
  return faults
}
