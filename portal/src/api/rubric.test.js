import { describe, it, expect } from 'vitest'
import { importRequest, importWorkbook, exportPath, saveRequest, rosterEntryPath, accountsRequest } from './rubric.js'

describe('workbook imports', () => {
  it('sends the file as multipart to the system or targets import, with the header fields given', () => {
    const file = new File(['x'], 'w.xlsx')
    const system = importRequest(file, 'system', { code: ' ly ', year: 2026, title: '', assessingDepartment: 'swzzb' })
    expect(system.path).toBe('/api/rubric/imports/system?code=ly&year=2026')
    expect(system.body.get('file').name).toBe('w.xlsx')
    expect(importRequest(file, 'targets', { assessingDepartment: 'swzzb' }).path).toBe('/api/rubric/imports/targets?assessingDepartment=swzzb')
    expect(importRequest(file, 'system').path).toBe('/api/rubric/imports/system')
  })

  it('uploads the workbook with its progress, as every workbook import does', async () => {
    const sent = []
    const progress = () => {}
    const answer = await importWorkbook(new File(['x'], 'w.xlsx'), 'targets', { assessingDepartment: 'swzzb' }, progress,
      (request) => { sent.push(request); return Promise.resolve({ id: 'd1' }) })
    expect(answer).toEqual({ id: 'd1' })
    expect(sent).toHaveLength(1)
    expect(sent[0].method).toBe('POST')
    expect(sent[0].url).toBe('/api/rubric/imports/targets?assessingDepartment=swzzb')
    expect(sent[0].body.get('file').name).toBe('w.xlsx')
    expect(sent[0].onProgress).toBe(progress)
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
