import { describe, expect, it } from 'vitest'
import { groupByTop, editableCopy, draftLine, changed, lineField, scoreFault, statusTagType } from './assessment.js'

const t = (key, args) => `${key}${args ? JSON.stringify(args) : ''}`
const line = (code, top, extra = {}) => ({
  itemCode: code, title: code, topLevelTitle: top, points: 5, rule: { measures: [{ name: 'days', kind: 'COUNT', label: '天数' }] },
  selfScore: null, measured: {}, statement: null, ...extra,
})

describe('self-assessment helpers', () => {
  it('groups lines under their top-level indicator in order, summing points', () => {
    const groups = groupByTop([line('1', '职能职责'), line('2', '工作效能'), line('3', '职能职责')])
    expect(groups.map((g) => g.title)).toEqual(['职能职责', '工作效能'])
    expect(groups[0].lines.map((l) => l.itemCode)).toEqual(['1', '3'])
    expect(groups[0].points).toBe(10)
  })

  it('sends blanks as null and keeps the rule’s measures', () => {
    const copy = editableCopy(line('1', 'a', { selfScore: '4.50', measured: { days: 3 } }))
    expect(copy).toEqual({ itemCode: '1', selfScore: 4.5, measured: { days: 3 }, statement: '' })
    copy.measured.days = ''
    copy.statement = '  '
    expect(draftLine(copy)).toEqual({ itemCode: '1', selfScore: 4.5, measured: { days: null }, statement: null })
  })

  it('notices a change against the saved line', () => {
    const saved = line('1', 'a', { selfScore: 4, measured: { days: 3 }, statement: 'x' })
    const copy = editableCopy(saved)
    expect(changed(copy, saved)).toBe(false)
    copy.statement = 'y'
    expect(changed(copy, saved)).toBe(true)
  })

  it('names fields as the API locates them', () => {
    expect(lineField('1.2', 'selfScore')).toBe('lines[1.2].selfScore')
    expect(lineField('1.2')).toBe('lines[1.2]')
  })

  it('checks the self-score as the API does', () => {
    expect(scoreFault(null, 5, t)).toBe('')
    expect(scoreFault(5, 5, t)).toBe('')
    expect(scoreFault(5.01, 5, t)).toMatch(/scoreRange/)
    expect(scoreFault(-1, 5, t)).toMatch(/scoreRange/)
    expect(scoreFault(1.005, 5, t)).toMatch(/scoreScale/)
  })
})

describe('statusTagType', () => {
  it('colours a self-assessment by its status, a draft plainly', () => {
    expect(['SUBMITTED', 'RETURNED', 'AWAITING_SIGN_OFF', 'DRAFT'].map(statusTagType))
      .toEqual(['success', 'danger', 'warning', 'info'])
  })
})
