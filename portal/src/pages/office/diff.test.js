import { describe, it, expect } from 'vitest'
import { compareCodes, rootOf, diffGroups, diffCounts, formatValue } from './diff.js'

const diff = {
  version: [{ field: 'title', before: '2025', after: '2026' }],
  added: [{ code: '2.1.1.3', path: '2.1.1.3 新增', points: 2 }],
  removed: [{ code: '1.10.1.1', path: '1.10.1.1 删去', points: 1.5 }],
  changed: [
    { code: '1.9.1.1', path: '1.9.1.1 甲', changes: [{ field: 'points', before: 2, after: 3 }, { field: 'assessingDepartments', before: ['swzzb'], after: ['swzzb', 'sfpymj'] }] },
    { code: '1', path: '1 党建', changes: [{ field: 'points', before: 10, after: 11 }] },
  ],
}

describe('version diff', () => {
  it('orders codes as the tree does', () => {
    expect(['1.10', '1.9', '2', '1', '1.9.1'].sort(compareCodes)).toEqual(['1', '1.9', '1.9.1', '1.10', '2'])
    expect(rootOf('1.2.3')).toBe('1')
    expect(rootOf('bz-sjw-3')).toBe('bz-sjw')
  })

  it('groups added, removed and changed nodes under their top-level indicator, a row per field', () => {
    const groups = diffGroups(diff)
    expect(groups.map((g) => g.root)).toEqual(['1', '2'])
    expect(groups[0].rows.map((r) => `${r.kind} ${r.code} ${r.field}`)).toEqual([
      'changed 1 points', 'changed 1.9.1.1 points', 'changed 1.9.1.1 assessingDepartments', 'removed 1.10.1.1 points',
    ])
    expect(groups[1].rows[0]).toMatchObject({ kind: 'added', before: null, after: 2, first: true })
    expect(groups[0].rows.map((r) => r.first)).toEqual([true, true, false, true])
    expect(diffGroups({})).toEqual([])
  })

  it('counts what changed', () => {
    expect(diffCounts(diff)).toEqual({ version: 1, added: 1, removed: 1, changed: 2 })
  })

  it('puts values in words', () => {
    const names = { departmentName: (c) => ({ swzzb: '市委组织部' }[c] || c), categoryName: (c) => ({ county: '县区' }[c] || c) }
    expect(formatValue('points', '2.50', names)).toBe('2.5')
    expect(formatValue('assessingDepartments', ['swzzb', 'x'], names)).toBe('市委组织部、x')
    expect(formatValue('appliesTo', ['county'], names)).toBe('县区')
    expect(formatValue('appliesTo', [], names)).toBe('—')
    expect(formatValue('rule', { type: 'judged', wording: '酌情扣分' }, names)).toBe('酌情扣分（judged）')
    expect(formatValue('title', null, names)).toBe('—')
    expect(formatValue('year', 2026, names)).toBe('2026')
  })
})
