// The points an item's rule gives for what the unit is typing, asked of scoring-service's preview
// (the portal never applies a rule itself). Per item: requests are debounced while typing, a newer
// request cancels the one in flight, and an answer that arrives after a newer request was sent is
// dropped, so the line always shows the points of the latest values.
import { draftLine } from './assessment.js'
import { placeErrors, within } from '../../composables/faults.js'

export const PREVIEW_DELAY_MS = 400

/** The preview request's body for a form copy: the values as the self-assessment carries them. */
export function previewBody(copy) {
  const line = draftLine(copy)
  const measured = {}
  for (const [name, value] of Object.entries(line.measured)) {
    if (value !== null) measured[name] = value
  }
  return { selfScore: line.selfScore, measured }
}

/** An empty state: nothing asked yet. */
export const idle = () => ({ pending: false, points: null, maximum: null, deducted: null, explanation: null, missing: [], error: null })

/**
 * @param states   an object (reactive in the page) itemCode → state, written here
 * @param request  (itemCode, body, signal) → Promise of the preview answer; rejects with ApiError,
 *                 or an AbortError when cancelled
 */
export function createLivePoints({ states, request, delay = PREVIEW_DELAY_MS, setTimer = setTimeout, clearTimer = clearTimeout }) {
  const items = new Map() // itemCode → { timer, controller, sent, seq }

  function entry(itemCode) {
    if (!items.has(itemCode)) items.set(itemCode, { timer: null, controller: null, sent: null, seq: 0 })
    if (!states[itemCode]) states[itemCode] = idle()
    return items.get(itemCode)
  }

  async function ask(itemCode, body, key) {
    const e = entry(itemCode)
    e.timer = null
    if (e.controller) e.controller.abort()
    const controller = new AbortController()
    const seq = ++e.seq
    e.controller = controller
    e.sent = key
    states[itemCode].pending = true
    try {
      const answer = await request(itemCode, body, controller.signal)
      if (seq !== e.seq) return // a newer request was sent meanwhile
      Object.assign(states[itemCode], {
        pending: false, error: null, points: answer.points ?? null, maximum: answer.maximum ?? null,
        deducted: answer.deducted ?? null, explanation: answer.explanation ?? null, missing: answer.missing || [],
      })
    } catch (error) {
      if (seq !== e.seq || (error && error.name === 'AbortError')) return
      // Keep the last good points off the screen: they are not the points of these values.
      Object.assign(states[itemCode], { pending: false, error, points: null, deducted: null, explanation: null, missing: [] })
      if (e.sent === key) e.sent = null // the same values may be asked again (e.g. after a network failure)
    } finally {
      if (e.controller === controller) e.controller = null
    }
  }

  return {
    /** The values of an item changed: asks after {@code delay} ms of quiet, unless these values were just asked. */
    update(itemCode, body) {
      const e = entry(itemCode)
      const key = JSON.stringify(body)
      if (e.timer) clearTimer(e.timer)
      e.timer = null
      if (key === e.sent) return
      e.timer = setTimer(() => ask(itemCode, body, key), delay)
    },
    /** Asks at once (e.g. when the page opens). */
    now(itemCode, body) {
      const e = entry(itemCode)
      if (e.timer) clearTimer(e.timer)
      return ask(itemCode, body, JSON.stringify(body))
    },
    /** Stops every timer and request (the page is left). */
    stop() {
      for (const e of items.values()) {
        if (e.timer) clearTimer(e.timer)
        if (e.controller) e.controller.abort()
        e.timer = null
        e.controller = null
      }
    },
  }
}

/** A refusal's messages at one of the line's fields ("measured.incidents", "selfScore"). */
export function previewErrorAt(state, field) {
  const error = state && state.error
  return error ? within(placeErrors(error.errors), field) : ''
}
