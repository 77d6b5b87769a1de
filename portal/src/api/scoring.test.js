import { describe, it, expect } from 'vitest'
import { previewPath } from './scoring.js'

describe('scoring-service', () => {
  it('asks for the live points of one item of one unit', () => {
    expect(previewPath('c 1', 'bz-sjw', '1.2')).toBe('/api/scoring/cycles/c%201/units/bz-sjw/items/1.2/preview')
  })
})
