// @vitest-environment node
import { describe, it, expect } from 'vitest'
import { defaultTitle, formProblems, fullMarksOf, previewRows, sheetFaults, summary, yearsListed } from './pastYears.js'
import { refusedResults } from '../../composables/useWorkbookUpload.js'

const fault = (location, message) => ({ location, message })
const outcome = {
  year: 2024, rows: 3, faulty: 1,
  faults: [fault('汇总表!R5:C1', '工作表“汇总表”第5行第1列（被考核单位）：单位“市某某局”不在名册中'), fault('说明!R1', '工作表“说明”第1行：表头下没有任何单位。')],
  results: [
    { sheet: '汇总表', row: 4, writtenName: '市纪委（监察局）', unitCode: 'bz-sjw', unitName: '市纪委（监察局）', category: 'party-dept',
      categoryName: '市党群部门', score: '90.00', fullMarks: '100.00', percent: '90.00', grade: '好', status: 'OK',
      notes: ['满分 100 取自第3行“考核指标及评分标准”。'], faults: [] },
    { sheet: '汇总表', row: 5, writtenName: '市某某局', unitCode: null, score: 80, fullMarks: null, percent: null, grade: null,
      status: 'FAULT', notes: [], faults: [fault('汇总表!R5:C1', '工作表“汇总表”第5行第1列（被考核单位）：单位“市某某局”不在名册中')] },
    { sheet: '汇总表', row: 6, writtenName: '团市委', unitCode: 'bz-y1', unitName: '团市委', category: 'mass-org', score: 48.5,
      fullMarks: 50, percent: 97, grade: null, status: 'OK', faults: [] },
  ],
}

describe('importing an earlier year (往年结果导入)', () => {
  it('sends only the full marks typed as positive numbers', () => {
    expect(fullMarksOf([{ category: 'party-dept', points: '100' }, { category: 'mass-org', points: '' }, { category: '', points: 90 },
      { category: 'x', points: 'abc' }, { category: 'y', points: -1 }, { category: '群团组织', points: 80 }]))
      .toEqual({ 'party-dept': 100, 群团组织: 80 })
    expect(fullMarksOf(null)).toEqual({})
  })

  it('asks for a file, a four-digit year and a title before the preview', () => {
    expect(formProblems({ file: null, year: '24', title: ' ' })).toEqual(['pastYears.needFile', 'pastYears.needYear', 'pastYears.needTitle'])
    expect(formProblems({ file: {}, year: 2024, title: '2024年度目标绩效考核' })).toEqual([])
    expect(defaultTitle(2024)).toBe('2024年度目标绩效考核')
    expect(defaultTitle('')).toBe('')
  })

  it('shows every row as it will be stored, with its notes and its faults at the row', () => {
    const rows = previewRows(outcome.results)
    expect(rows.map((r) => r.key)).toEqual(['汇总表!4', '汇总表!5', '汇总表!6'])
    expect(rows[0]).toMatchObject({ unit: '市纪委（监察局）（bz-sjw）', category: '市党群部门', score: '90', fullMarks: '100', percent: '90', grade: '好' })
    expect(rows[0].notes[0]).toContain('考核指标及评分标准')
    expect(rows[1]).toMatchObject({ written: '市某某局', unit: '', status: 'FAULT', percent: '' })
    expect(rows[1].faults[0]).toContain('第5行第1列')
    expect(rows[2]).toMatchObject({ category: 'mass-org', score: '48.5', percent: '97', notes: [] })
  })

  it('lists apart only the faults of the workbook as a whole, and commits only a preview without any fault', () => {
    expect(sheetFaults(outcome)).toEqual(['工作表“说明”第1行：表头下没有任何单位。'])
    expect(summary(outcome)).toEqual({ rows: 3, faulty: 1, committable: false })
    expect(summary({ rows: 3, faulty: 0, faults: [] }).committable).toBe(true)
    expect(summary({ rows: 0, faulty: 0, faults: [fault('Sheet1!R1', '没有表头')] }).committable).toBe(false)
    expect(summary(null).committable).toBe(false)
  })

  it('shows a refused commit’s faulty rows in the same table', () => {
    expect(previewRows(refusedResults({ problem: { rows: [outcome.results[1]] } })).map((r) => r.key)).toEqual(['汇总表!5'])
    expect(previewRows(refusedResults(new Error('network')))).toEqual([])
  })

  it('lists the imported years newest first, saying when the platform ran that year itself', () => {
    const listed = yearsListed([{ year: 2023, platformCycles: [] }, { year: 2025, platformCycles: ['c2025'] }])
    expect(listed.map((y) => [y.year, y.shadowed])).toEqual([[2025, true], [2023, false]])
  })
})
