import { describe, expect, it } from 'vitest'
import { changesAnything, diffRows, partCounts } from './rosterWorkbook.js'

// The shape rubric-service answers (RosterImportIT reads the same fields).
const diff = {
  categories: { added: [{ code: 'town', name: '乡镇' }], changed: [], removed: [], reordered: false, unchanged: 2 },
  departments: { added: [], changed: [], removed: [], reordered: true, unchanged: 40 },
  units: {
    added: [],
    changed: [{ code: 't1-v1', name: '第1镇第1村（更名）', changes: [{ field: 'name', before: '第1镇第1村', after: '第1镇第1村（更名）' },
      { field: 'parent', before: null, after: 't1' }, { field: 'active', before: false, after: true }] }],
    removed: [{ code: 't9-v11', name: '第9镇第11村', how: 'DEACTIVATED' }],
    reordered: false,
    unchanged: 127,
  },
  contacts: { added: [], changed: [], removed: [], reordered: false, unchanged: 0 },
}

describe('the roster workbook preview', () => {
  it('lists every change part by part, a field left blank shown as —', () => {
    expect(diffRows(diff)).toEqual([
      { part: 'categories', change: 'added', code: 'town', name: '乡镇', fields: [], how: '' },
      { part: 'units', change: 'changed', code: 't1-v1', name: '第1镇第1村（更名）', how: '',
        fields: [{ field: 'name', before: '第1镇第1村', after: '第1镇第1村（更名）' }, { field: 'parent', before: '—', after: 't1' },
          { field: 'active', before: false, after: true }] },
      { part: 'units', change: 'removed', code: 't9-v11', name: '第9镇第11村', fields: [], how: 'DEACTIVATED' },
    ])
  })

  it('counts each part and knows whether anything would change', () => {
    expect(partCounts(diff)).toEqual([
      { part: 'categories', added: 1, changed: 0, removed: 0, unchanged: 2, reordered: false },
      { part: 'departments', added: 0, changed: 0, removed: 0, unchanged: 40, reordered: true },
      { part: 'units', added: 0, changed: 1, removed: 1, unchanged: 127, reordered: false },
      { part: 'contacts', added: 0, changed: 0, removed: 0, unchanged: 0, reordered: false },
    ])
    expect(changesAnything(diff)).toBe(true)
    const same = { categories: { unchanged: 3 }, departments: { unchanged: 1 }, units: { unchanged: 9 }, contacts: {} }
    expect(changesAnything(same)).toBe(false)
    expect(diffRows(same)).toEqual([])
    expect(changesAnything(null)).toBe(false)
  })
})
