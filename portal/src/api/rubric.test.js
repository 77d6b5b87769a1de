import { describe, it, expect } from 'vitest'
import { importRequest, exportPath, saveRequest, rosterEntryPath, accountsRequest } from './rubric.js'

describe('workbook imports', () => {
  it('sends the file as multipart to the system or targets import, with the header fields given', () => {
    const file = new File(['x'], 'w.xlsx')
    const system = importRequest(file, 'system', { code: ' ly ', year: 2026, title: '', assessingDepartment: 'swzzb' })
    expect(system.path).toBe('/api/rubric/imports/system?code=ly&year=2026')
    expect(system.body.get('file').name).toBe('w.xlsx')
    expect(importRequest(file, 'targets', { assessingDepartment: 'swzzb' }).path).toBe('/api/rubric/imports/targets?assessingDepartment=swzzb')
    expect(importRequest(file, 'system').path).toBe('/api/rubric/imports/system')
  })

  it('exports a version as the template of a workbook', () => {
    expect(exportPath('b')).toBe('/api/rubric/versions/b/export?format=xlsx')
  })
})

describe('roster entries', () => {
  it('creates with If-None-Match: * so a taken code is refused, and edits without it', () => {
    expect(saveRequest('units', { code: ' u-1 ', name: ' 城关镇 ', category: 'county', parent: '' }, true)).toEqual({
      path: '/api/rubric/roster/units/u-1',
      body: { name: '城关镇', category: 'county', parent: null },
      headers: { 'If-None-Match': '*' },
    })
    expect(saveRequest('departments', { code: 'swzzb', name: '组织部', category: 'x' }, false))
      .toEqual({ path: '/api/rubric/roster/departments/swzzb', body: { name: '组织部' }, headers: {} })
    expect(rosterEntryPath('categories', 'a b')).toBe('/api/rubric/roster/categories/a%20b')
  })
})

describe('the roster accounts', () => {
  it('asks for every unit instead of listing them when the form says so, and for the roles ticked', () => {
    const form = { units: ['bz-sjw'], departments: ['swzzb'], everyUnit: true, everyDepartment: false, roles: ['REPORTER'] }
    expect(accountsRequest(form)).toEqual({ units: [], departments: ['swzzb'], everyUnit: true, everyDepartment: false, roles: ['REPORTER'] })
  })
})
