import { describe, it, expect } from 'vitest'
import { checkForm, checkList, historyRows, filterUnits, unitsOfCategory } from './rosterForms.js'

describe('roster forms', () => {
  it('checks what the service checks: code, name, a unit’s category, a unit not its own parent', () => {
    expect(checkForm('units', { code: 'Bad Code', name: ' ', category: '', parent: '' }, true))
      .toEqual({ code: 'code', name: 'nameMissing', category: 'categoryMissing' })
    expect(checkForm('units', { code: 'u-1', name: '甲', category: 'county', parent: 'u-1' }, true)).toEqual({ parent: 'parentSelf' })
    expect(checkForm('departments', { code: 'd1', name: 'x'.repeat(201) }, true)).toEqual({ name: 'nameTooLong' })
    expect(checkForm('categories', { code: 'c', name: '县区' }, true)).toEqual({})
    // An existing entry keeps its code, whatever it is.
    expect(checkForm('categories', { code: 'Old', name: '县区' }, false)).toEqual({})
  })

  it('reads the history newest first, with the recorded entry', () => {
    const rows = historyRows([
      { id: 1, kind: 'UNIT', code: 'u', action: 'CREATED', detail: '{"code":"u","name":"甲"}' },
      { id: 2, kind: 'UNIT', code: 'u', action: 'UPDATED', detail: '{"code":"u","name":"乙"}' },
      { id: 3, kind: 'CATEGORY', code: 'c', action: 'CREATED', detail: 'not json' },
    ])
    expect(rows.map((r) => r.id)).toEqual([3, 2, 1])
    expect(rows[1].name).toBe('乙')
    expect(rows[0].entry).toBe(null)
    expect(historyRows(rows, { kind: 'UNIT' }).length).toBe(2)
  })

  it('filters units by category and text', () => {
    const units = [{ code: 'bz-sjw', name: '市纪委', category: 'party' }, { code: 'ly-yanshi', name: '偃师区', category: 'county' }]
    expect(filterUnits(units, { category: 'county' }).map((u) => u.code)).toEqual(['ly-yanshi'])
    expect(filterUnits(units, { text: '纪委' }).map((u) => u.code)).toEqual(['bz-sjw'])
    expect(filterUnits(units, {}).length).toBe(2)
  })

  it('checks a saved unit list: code when creating, a name, at least one unit', () => {
    expect(checkList({ code: 'Bad', name: '', units: [] }, true)).toEqual({ code: 'code', name: 'nameMissing', units: 'listEmpty' })
    expect(checkList({ code: 'Bad', name: '乡镇', units: ['xz-a'] }, false)).toEqual({})
  })

  it('takes a category’s active units in the roster’s order', () => {
    const units = [{ code: 'b', category: 't' }, { code: 'a', category: 't' }, { code: 'c', category: 't', active: false },
      { code: 'd', category: 'x' }]
    expect(unitsOfCategory(units, 't')).toEqual(['b', 'a'])
  })
})
