// @vitest-environment node
import { describe, it, expect } from 'vitest'
import { plainPoints, previewRows, signedPoints, summary } from './decisionImport.js'
import { refusedResults } from '../../composables/useWorkbookUpload.js'

const results = [
  { sheet: '测量值', row: 3, unitCode: 'bz-sjw', unitName: '市纪委', itemCode: 'eff.3', itemTitle: '中心组学习', kind: 'MEASUREMENT',
    status: 'NEW', points: 0.17, before: null, after: 0.17, faults: [] },
  { sheet: '扣分加分', row: 3, unitCode: 'bz-nowhere', status: 'FAULT', points: null, before: null, after: null,
    faults: [{ location: '扣分加分!R3:C1', message: '工作表“扣分加分”第3行第1列（单位代码）：单位bz-nowhere不参加本年度考核。' }] },
  { sheet: '扣分加分', row: 2, unitCode: 'bz-sjw', itemCode: 'eff.1', itemTitle: '按时完成', kind: 'DEDUCTION', status: 'NEW',
    points: -0.1, before: 5, after: 4.9, faults: [] },
]

describe('the decisions workbook preview', () => {
  it('lists the rows by sheet and row, with signed points and the faults at their rows', () => {
    const rows = previewRows(results)
    expect(rows.map((r) => r.key)).toEqual(['扣分加分!2', '扣分加分!3', '测量值!3'])
    expect(rows[0]).toMatchObject({ unit: 'bz-sjw', item: 'eff.1 按时完成', points: '-0.1', before: '5', after: '4.9', faults: [] })
    expect(rows[1].status).toBe('FAULT')
    expect(rows[1].faults[0]).toContain('第3行第1列')
    expect(rows[2]).toMatchObject({ unit: '市纪委（bz-sjw）', points: '+0.17', before: '' })
  })

  it('may be committed only when there are rows to record and no fault', () => {
    expect(summary({ rows: 3, recorded: 2, alreadyRecorded: 0, faulty: 1 }).committable).toBe(false)
    expect(summary({ rows: 150, recorded: 150, alreadyRecorded: 0, faulty: 0 }).committable).toBe(true)
    expect(summary({ rows: 150, recorded: 0, alreadyRecorded: 150, faulty: 0 }).committable).toBe(false)
    expect(summary(null)).toMatchObject({ rows: 0, committable: false })
  })

  it('shows a refused commit’s faulty rows in the same table', () => {
    const error = { problem: { code: 'scoring.workbook.invalid', rows: [results[1]] } }
    expect(previewRows(refusedResults(error)).map((r) => r.key)).toEqual(['扣分加分!3'])
    expect(previewRows(refusedResults(new Error('network')))).toEqual([])
  })

  it('writes points as offices do', () => {
    expect(signedPoints(2)).toBe('+2')
    expect(signedPoints('-0.10')).toBe('-0.1')
    expect(signedPoints(0)).toBe('0')
    expect(signedPoints(null)).toBe('')
    expect(plainPoints('4.90')).toBe('4.9')
    expect(plainPoints(undefined)).toBe('')
  })
})
