import { describe, it, expect } from 'vitest'
import { approvalForm, initialDecisions, localFaults, unitOfLocation, distributionSeries, gapState, tasksOfCycle } from './approvals.js'

describe('the approval form', () => {
  it('approves every pending unit by default', () => {
    const units = ['bz-sjw', 'bz-zjfy']
    expect(approvalForm(units, initialDecisions(units))).toEqual({ approve: ['bz-sjw', 'bz-zjfy'], returns: [] })
  })

  it('returns a unit with its trimmed reason and step, in the pending order', () => {
    const units = ['a', 'b', 'c']
    const d = initialDecisions(units)
    d.c = { decision: 'return', reason: '  分数不符 ', returnTo: 'SCORING' }
    d.a = { decision: 'return', reason: 'x', returnTo: 'YEAR_END_REVIEW' }
    const form = approvalForm(units, d)
    expect(form.approve).toEqual(['b'])
    expect(form.returns).toEqual([
      { unitCode: 'a', reason: 'x', returnTo: 'YEAR_END_REVIEW' },
      { unitCode: 'c', reason: '分数不符', returnTo: 'SCORING' },
    ])
    expect(unitOfLocation('returns[1].reason', form)).toEqual({ unit: 'c', field: 'reason' })
    expect(unitOfLocation('approve', form)).toBeNull()
  })

  it('finds a return without reason or step as the API does', () => {
    const form = { approve: [], returns: [{ unitCode: 'a', reason: '', returnTo: null }, { unitCode: 'b', reason: 'ok', returnTo: 'SCORING' }] }
    expect(localFaults(form)).toEqual({ a: [{ field: 'reason', key: 'approval.reasonRequired' }, { field: 'returnTo', key: 'approval.stepRequired' }] })
    expect(localFaults({ approve: [], returns: [{ unitCode: 'a', reason: 'x'.repeat(2001), returnTo: 'SCORING' }] }).a[0].key)
      .toBe('approval.reasonTooLong')
  })
})

describe('the distribution and gaps', () => {
  it('keeps the proposal order of grades', () => {
    expect(distributionSeries({ 好: 1, 较好: 0, 一般: 1 })).toEqual({ labels: ['好', '较好', '一般'], values: [1, 0, 1] })
    expect(distributionSeries(null)).toEqual({ labels: [], values: [] })
  })

  it('grades a gap', () => {
    expect(gapState(null)).toBe('none')
    expect(gapState('0.00')).toBe('none')
    expect(gapState('0.5')).toBe('small')
    expect(gapState('-2')).toBe('large')
  })
})

describe('approving all at once', () => {
  it('takes only the open categories of the cycle on screen', () => {
    const tasks = [{ id: '1', cycleId: '2015', category: 'a' }, { id: '2', cycleId: '2016', category: 'a' },
      { id: '3', cycleId: '2015', category: 'b' }]
    expect(tasksOfCycle(tasks, '2015').map((x) => x.id)).toEqual(['1', '3'])
    expect(tasksOfCycle(tasks, null)).toEqual([])
  })
})
