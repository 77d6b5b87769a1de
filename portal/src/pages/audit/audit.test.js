import { describe, it, expect } from 'vitest'
import { actionOf, apiFilter, detailRows, emptyFilter, objectOf, outcomeType } from './audit.js'

const record = {
  seq: 42, eventId: 'e1', source: 'scoring-service', category: 'WRITE', outcome: 'SUCCESS', status: null, reason: null,
  username: 'reviewer.swzzb', roles: ['dept-reviewer'], department: 'swzzb', inspectionUnits: [], method: 'POST',
  route: '/scoring/cycles/{cycleId}/decisions', verb: 'decide', objectType: 'decision', objectId: 'd1',
  digest: 'ab'.repeat(32), prevDigest: 'cd'.repeat(32), occurredAt: '2026-03-02T01:20:00Z',
}

describe('the audit page', () => {
  it('sends the date range as from and to', () => {
    expect(apiFilter({ ...emptyFilter(), user: 'office' }, ['2026-03-01', '2026-03-31']))
      .toMatchObject({ user: 'office', from: '2026-03-01', to: '2026-03-31' })
    expect(apiFilter(emptyFilter(), null)).toMatchObject({ from: '', to: '' })
  })

  it('shows a refusal in red and a failure in amber', () => {
    expect(outcomeType('REFUSED')).toBe('danger')
    expect(outcomeType('FAILED')).toBe('warning')
    expect(outcomeType('SUCCESS')).toBe('success')
  })

  it('says what was done to which object', () => {
    expect(actionOf(record)).toBe('decide · POST /scoring/cycles/{cycleId}/decisions')
    expect(actionOf({ verb: 'LOGIN' })).toBe('LOGIN')
    expect(objectOf(record)).toBe('decision d1')
    expect(objectOf({})).toBe('—')
  })

  it('lists every field that has a value, digests in monospace', () => {
    const rows = detailRows(record)
    expect(rows.map((r) => r.key)).toContain('digest')
    expect(rows.map((r) => r.key)).not.toContain('status')
    expect(rows.map((r) => r.key)).not.toContain('inspectionUnits')
    expect(rows.find((r) => r.key === 'digest').mono).toBe(true)
    expect(rows.find((r) => r.key === 'occurredAt').kind).toBe('time')
  })
})
