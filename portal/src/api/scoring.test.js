import { describe, it, expect } from 'vitest'
import { configureApi } from './http.js'
import { cockpit, previewPath } from './scoring.js'

describe('scoring-service', () => {
  it('asks for the live points of one item of one unit', () => {
    expect(previewPath('c 1', 'bz-sjw', '1.2')).toBe('/api/scoring/cycles/c%201/units/bz-sjw/items/1.2/preview')
  })

  it('asks for a cycle’s cockpit with how many gaps and reasons', async () => {
    const asked = []
    configureApi({ fetch: async (url) => { asked.push(String(url)); return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }) } })
    await cockpit('c 1', { gaps: 5 })
    expect(asked).toEqual(['/api/scoring/cycles/c%201/cockpit?gaps=5'])
  })
})
