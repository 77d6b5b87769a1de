import { describe, expect, it } from 'vitest'
import { partsOf, partsToSend, resumableUpload, sessionKey } from './evidence.js'
import { ApiError } from './http.js'

// A server holding upload sessions in memory, as evidence-service answers them.
function fakeServer({ failPart = null } = {}) {
  const sessions = new Map()
  const calls = []
  const view = (id) => ({ uploadId: id, size: sessions.get(id).size, parts: [...sessions.get(id).parts.entries()].map(([number, size]) => ({ number, size })) })
  const api = {
    async get(path) {
      calls.push(`GET ${path}`)
      const id = path.split('/').pop()
      if (!sessions.has(id)) throw new ApiError(404, { title: 'not found' })
      return view(id)
    },
    async post(path) {
      calls.push(`POST ${path.split('?')[0]}`)
      if (path.endsWith('/complete')) {
        const id = path.split('/')[4]
        sessions.delete(id)
        return { evidence: { evidenceId: 'e-' + id } }
      }
      const size = Number(new URLSearchParams(path.split('?')[1]).get('size'))
      const id = `s${sessions.size + 1}`
      sessions.set(id, { size, parts: new Map() })
      return view(id)
    },
  }
  const send = async ({ method, url, body, onProgress }) => {
    calls.push(`${method} ${url}`)
    const [, , , , id, , number] = url.split('/')
    if (failPart && failPart.number === Number(number) && failPart.times-- > 0) {
      onProgress(body.size / 2)
      throw new ApiError(0, {}, 'network')
    }
    onProgress(body.size)
    sessions.get(id).parts.set(Number(number), body.size)
    return view(id)
  }
  return { api, send, calls, sessions }
}
const memoryStorage = () => {
  const m = new Map()
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, v), removeItem: (k) => m.delete(k), m }
}
const file = (size, name = '台账.pdf') => new File([new Uint8Array(size)], name, { lastModified: 1700000000000 })
const base = { unitCode: 'bz-sjw', cycleId: 'c1', period: 'Q1', itemCodes: ['1.1'], evidenceDate: '2026-03-01' }

describe('resumable uploads', () => {
  it('cuts a file into parts of the part size, the last one shorter', () => {
    expect(partsOf(20, 8)).toEqual([{ number: 1, from: 0, to: 8 }, { number: 2, from: 8, to: 16 }, { number: 3, from: 16, to: 20 }])
    expect(partsToSend(20, { parts: [{ number: 1, size: 8 }, { number: 3, size: 2 }] }, 8).map((p) => p.number)).toEqual([2, 3])
  })

  it('keys a session by unit, item, name, size and date', () => {
    expect(sessionKey({ unitCode: 'u', itemCodes: ['a', 'b'], file: file(3) })).toBe('kaohe.upload|u|a,b|台账.pdf|3|1700000000000')
  })

  it('sends every part, then completes and forgets the session', async () => {
    const server = fakeServer()
    const storage = memoryStorage()
    const progress = []
    const answer = await resumableUpload({ ...base, file: file(20), partSize: 8, storage, api: server.api, send: server.send, onProgress: (p) => progress.push(p) })
    expect(answer.evidence.evidenceId).toBe('e-s1')
    expect(server.calls).toEqual(['POST /api/evidence/units/bz-sjw/uploads', 'PUT /api/evidence/uploads/s1/parts/1',
      'PUT /api/evidence/uploads/s1/parts/2', 'PUT /api/evidence/uploads/s1/parts/3', 'POST /api/evidence/uploads/s1/complete'])
    expect(progress.at(-1)).toBe(100)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(storage.m.size).toBe(0)
  })

  it('after a failed part, resumes from the parts the server has (also in a new page with the same file)', async () => {
    const server = fakeServer({ failPart: { number: 2, times: 1 } })
    const storage = memoryStorage()
    const error = await resumableUpload({ ...base, file: file(20), partSize: 8, storage, api: server.api, send: server.send }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(storage.m.size).toBe(1) // kept for the resume
    server.calls.length = 0
    const progress = []
    // The same file picked again: same name, size and date.
    const answer = await resumableUpload({ ...base, file: file(20), partSize: 8, storage, api: server.api, send: server.send, onProgress: (p) => progress.push(p) })
    expect(answer.evidence.evidenceId).toBe('e-s1')
    expect(server.calls).toEqual(['GET /api/evidence/uploads/s1', 'PUT /api/evidence/uploads/s1/parts/2',
      'PUT /api/evidence/uploads/s1/parts/3', 'POST /api/evidence/uploads/s1/complete'])
    expect(progress[0]).toBe(40) // part 1 was already there
  })

  it('begins again when the kept session is gone', async () => {
    const server = fakeServer()
    const storage = memoryStorage()
    storage.setItem(sessionKey({ ...base, file: file(20) }), 'swept')
    await resumableUpload({ ...base, file: file(20), partSize: 8, storage, api: server.api, send: server.send })
    expect(server.calls.slice(0, 2)).toEqual(['GET /api/evidence/uploads/swept', 'POST /api/evidence/units/bz-sjw/uploads'])
  })
})
