import { describe, it, expect } from 'vitest'
import { fileKind, columnLetter, parseLocation, locationWords, faultRows, templateVersion } from './imports.js'

const t = (key, p = {}) => `${key}|${['sheet', 'row', 'column', 'letter', 'line'].filter((k) => p[k] != null).map((k) => `${k}=${p[k]}`).join(',')}`

describe('workbook imports', () => {
  it('knows the files it takes by their names', () => {
    expect(fileKind('指标体系.XLSX')).toBe('xlsx')
    expect(fileKind('a.json')).toBe('json')
    expect(fileKind('old.xls')).toBe(null)
  })

  it('names columns as Excel does', () => {
    expect([1, 5, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'E', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('takes the service’s locations apart', () => {
    expect(parseLocation('指标!R12:C5')).toEqual({ kind: 'cell', sheet: '指标', row: 12, column: 5, letter: 'E' })
    expect(parseLocation('Sheet1!R1')).toEqual({ kind: 'row', sheet: 'Sheet1', row: 1, column: null, letter: null })
    expect(parseLocation('a!b!R3:C1').sheet).toBe('a!b')
    expect(parseLocation('file!L3:C7')).toEqual({ kind: 'line', line: 3, column: 7 })
    expect(parseLocation('file')).toEqual({ kind: 'file' })
    expect(parseLocation('体系信息')).toEqual({ kind: 'sheet', sheet: '体系信息' })
    expect(parseLocation('')).toEqual({ kind: 'none', sheet: '' })
  })

  it('says the location in words', () => {
    expect(locationWords('指标!R12:C5', t)).toBe('rubricWork.at.cell|sheet=指标,row=12,column=5,letter=E')
    expect(locationWords('file!L2:C9', t)).toBe('rubricWork.at.line|column=9,line=2')
    expect(locationWords('', t)).toBe('')
  })

  it('lists faults in workbook order: sheet as first met, row, column', () => {
    const rows = faultRows([
      { location: '指标!R9:C6', message: 'c' },
      { location: '体系信息', message: 'a' },
      { location: '指标!R3:C6', message: 'b' },
      { location: '指标!R9:C2', message: 'd' },
    ], t)
    expect(rows.map((r) => r.message)).toEqual(['b', 'd', 'c', 'a'])
  })

  it('offers the latest published version of the kind as the template', () => {
    const versions = [
      { id: 'a', status: 'PUBLISHED', kind: 'SYSTEM', publishedAt: '2026-01-01T00:00:00Z' },
      { id: 'b', status: 'PUBLISHED', kind: 'SYSTEM', publishedAt: '2026-03-01T00:00:00Z' },
      { id: 'c', status: 'DRAFT', kind: 'SYSTEM' },
      { id: 'd', status: 'PUBLISHED', kind: 'UNIT_TARGETS', publishedAt: '2026-05-01T00:00:00Z' },
    ]
    expect(templateVersion(versions, 'SYSTEM').id).toBe('b')
    expect(templateVersion(versions, 'UNIT_TARGETS').id).toBe('d')
    expect(templateVersion([], 'SYSTEM')).toBe(null)
  })
})
