import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLivePoints, previewBody, previewErrorAt } from './livePoints.js'
import { ApiError } from '../../api/http.js'

// A request whose answers the test releases by hand, in any order.
function controlledRequest() {
  const calls = []
  const request = (itemCode, body, signal) => new Promise((resolve, reject) => {
    const call = { itemCode, body, signal, resolve, reject }
    signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))
    calls.push(call)
  })
  return { calls, request }
}
const flush = () => new Promise((resolve) => { setImmediate(resolve) })

describe('live points', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }) })
  afterEach(() => { vi.useRealTimers() })

  it('asks once after the typing stops, with the latest values', async () => {
    const { calls, request } = controlledRequest()
    const states = {}
    const live = createLivePoints({ states, request, delay: 400 })
    live.update('eff.1', { measured: { incidents: 1 } })
    vi.advanceTimersByTime(200)
    live.update('eff.1', { measured: { incidents: 12 } })
    vi.advanceTimersByTime(399)
    expect(calls).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(calls).toHaveLength(1)
    expect(calls[0].body).toEqual({ measured: { incidents: 12 } })
    expect(states['eff.1'].pending).toBe(true)
    calls[0].resolve({ points: '4.88', maximum: 5, deducted: '0.12', explanation: '发生12起…', missing: [] })
    await flush()
    expect(states['eff.1']).toMatchObject({ pending: false, points: '4.88', explanation: '发生12起…', error: null })
  })

  it('cancels the request in flight when newer values are asked, and ignores its late answer', async () => {
    const { calls, request } = controlledRequest()
    const states = {}
    const live = createLivePoints({ states, request, delay: 100 })
    live.update('eff.1', { measured: { incidents: 1 } })
    vi.advanceTimersByTime(100)
    live.update('eff.1', { measured: { incidents: 2 } })
    vi.advanceTimersByTime(100)
    expect(calls).toHaveLength(2)
    expect(calls[0].signal.aborted).toBe(true)
    calls[1].resolve({ points: '4.98', maximum: 5, missing: [] })
    calls[0].resolve({ points: '4.99', maximum: 5, missing: [] }) // too late: already aborted
    await flush()
    expect(states['eff.1'].points).toBe('4.98')
  })

  it('does not ask again for the values it just asked about; items are independent', async () => {
    const { calls, request } = controlledRequest()
    const states = {}
    const live = createLivePoints({ states, request, delay: 100 })
    live.update('a', { measured: { x: 1 } })
    live.update('b', { measured: { x: 1 } })
    vi.advanceTimersByTime(100)
    expect(calls.map((c) => c.itemCode)).toEqual(['a', 'b'])
    live.update('a', { measured: { x: 1 } })
    vi.advanceTimersByTime(100)
    expect(calls).toHaveLength(2)
    expect(calls[0].signal.aborted).toBe(false)
  })

  it('keeps the refusal for the field and drops points that belong to other values', async () => {
    const { calls, request } = controlledRequest()
    const states = {}
    const live = createLivePoints({ states, request, delay: 10 })
    live.update('eff.3', { measured: { actual: 1, required: 3 } })
    vi.advanceTimersByTime(10)
    calls[0].resolve({ points: '0.17', maximum: 0.5, missing: [] })
    await flush()
    live.update('eff.3', { measured: { actual: 1, required: 0 } })
    vi.advanceTimersByTime(10)
    calls[1].reject(new ApiError(400, { title: '测量值有误', errors: [{ location: 'measured.required', message: '必须大于0' }] }))
    await flush()
    expect(states['eff.3'].points).toBeNull()
    expect(previewErrorAt(states['eff.3'], 'measured.required')).toBe('必须大于0')
    expect(previewErrorAt(states['eff.3'], 'measured.actual')).toBe('')
    // A failed ask may be repeated with the same values.
    live.update('eff.3', { measured: { actual: 1, required: 0 } })
    vi.advanceTimersByTime(10)
    expect(calls).toHaveLength(3)
  })

  it('stop() clears timers and cancels requests', () => {
    const { calls, request } = controlledRequest()
    const live = createLivePoints({ states: {}, request, delay: 10 })
    live.update('a', { measured: {} })
    vi.advanceTimersByTime(10)
    live.update('b', { measured: {} })
    live.stop()
    vi.advanceTimersByTime(100)
    expect(calls).toHaveLength(1)
    expect(calls[0].signal.aborted).toBe(true)
  })

  it('sends the values as the self-assessment carries them, blanks left out', () => {
    expect(previewBody({ itemCode: 'x', selfScore: 4.5, measured: { incidents: 2, rate: null, note: '' }, statement: '' }))
      .toEqual({ selfScore: 4.5, measured: { incidents: 2 } })
  })
})
