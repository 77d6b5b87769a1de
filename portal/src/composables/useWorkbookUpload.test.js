import { describe, it, expect } from 'vitest'
import { ApiError } from '../api/http.js'
import { isWorkbook, percent, useWorkbookImport, useWorkbookUpload } from './useWorkbookUpload.js'

describe('a workbook import\'s requests', () => {
  it('is busy with the request named while it runs, its upload in whole percent, then answers', async () => {
    const upload = useWorkbookUpload()
    let during
    const answer = await upload.send('preview', async (onProgress) => {
      onProgress(1, 3)
      during = { busy: upload.busy.value, progress: upload.progress.value }
      return { rows: 2 }
    })
    expect(during).toEqual({ busy: 'preview', progress: 33 })
    expect(answer).toEqual({ rows: 2 })
    expect(upload.busy.value).toBe('')
    expect(upload.error.value).toBeNull()
  })

  it('keeps a refusal and its faulty rows, whose faults the rows show (placed), and forgets both on the next request', async () => {
    const refused = new ApiError(400, { detail: '2 处问题', errors: [{ location: '扣分加分!R3:C2', message: 'x' }, { location: '扣分加分!R4', message: 'y' }] })
    const upload = useWorkbookUpload((e) => [{ key: 'r3', faults: e.errors.map((f) => f.message) }])
    expect(await upload.send('commit', () => Promise.reject(refused))).toBeNull()
    expect(upload.error.value).toBe(refused)
    expect(upload.faultRows.value).toEqual([{ key: 'r3', faults: ['x', 'y'] }])
    expect(upload.placed.value).toEqual(['扣分加分!R3:C2', '扣分加分!R4'])
    await upload.send('preview', () => Promise.resolve({}))
    expect(upload.error.value).toBeNull()
    expect(upload.faultRows.value).toEqual([])
    expect(upload.placed.value).toEqual([])
  })

  it('counts upload progress and takes only .xlsx files', () => {
    expect(percent(50, 200)).toBe(25)
    expect(percent(0, 0)).toBe(0)
    expect(isWorkbook({ name: '扣分清单.XLSX' })).toBe(true)
    expect(isWorkbook({ name: '扣分清单.xls' })).toBe(false)
    expect(isWorkbook(null)).toBe(false)
  })
})

describe('a workbook imported in two steps', () => {
  const toRows = (results) => (results || []).map((r) => ({ key: r.sheet + '!' + r.row, faults: r.faults || [] }))

  it('shows a refused workbook\'s faulty rows, then the preview\'s rows, and forgets both for another file', async () => {
    const workbook = useWorkbookImport(toRows)
    workbook.choose({ name: '扣分清单.xlsx' })
    const refused = new ApiError(400, { detail: '1 处问题', rows: [{ sheet: '扣分加分', row: 4, faults: ['x'] }],
      errors: [{ location: '扣分加分!R4', message: 'x' }] })
    await workbook.preview(() => Promise.reject(refused))
    expect(workbook.outcome.value).toBeNull()
    expect(workbook.rows.value).toEqual([{ key: '扣分加分!4', faults: ['x'] }])
    expect(workbook.placed.value).toEqual(['扣分加分!R4'])
    await workbook.preview(() => Promise.resolve({ results: [{ sheet: '扣分加分', row: 3 }, { sheet: '扣分加分', row: 4 }] }))
    expect(workbook.rows.value.map((r) => r.key)).toEqual(['扣分加分!3', '扣分加分!4'])
    workbook.choose({ name: '另一份.xlsx' })
    expect(workbook.rows.value).toEqual([])
    expect(workbook.error.value).toBeNull()
  })

  it('forgets the file and the preview once committed, empties the card, and answers what was committed', async () => {
    const workbook = useWorkbookImport(toRows)
    let cleared = 0
    workbook.card.value = { clear: () => { cleared += 1 } }
    workbook.choose({ name: '汇总表.xlsx' })
    await workbook.preview(() => Promise.resolve({ results: [] }))
    expect(await workbook.commit(() => Promise.resolve({ recorded: 2 }))).toEqual({ recorded: 2 })
    expect(workbook.committed.value).toEqual({ recorded: 2 })
    expect([workbook.file.value, workbook.outcome.value, cleared]).toEqual([null, null, 1])
    await workbook.preview(() => Promise.resolve({ results: [] }))
    expect(workbook.committed.value).toBeNull()
  })
})
