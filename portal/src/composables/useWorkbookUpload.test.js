import { describe, it, expect } from 'vitest'
import { ApiError } from '../api/http.js'
import { isWorkbook, percent, useWorkbookUpload } from './useWorkbookUpload.js'

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
