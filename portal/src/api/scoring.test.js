import { describe, it, expect } from 'vitest'
import { configureApi } from './http.js'
import { cockpit, commitDecisionWorkbook, decisionWorkbookUrl, previewDecisionWorkbook, previewPath } from './scoring.js'

describe('scoring-service', () => {
  it('asks for the live points of one item of one unit', () => {
    expect(previewPath('c 1', 'bz-sjw', '1.2')).toBe('/api/scoring/cycles/c%201/units/bz-sjw/items/1.2/preview')
  })

  it('asks for a cycle’s cockpit with how many gaps and reasons', async () => {
    const asked = []
    configureApi({ fetch: async (url) => { asked.push(String(url)); return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }) } })
    await cockpit('c 1', { gaps: 5 })
    expect(asked).toEqual(['/api/scoring/cycles/c%201/cockpit?gaps=5'])
  })
})

describe('the decisions workbook API', () => {
  it('asks for the template of the caller, or of the department the office names', () => {
    expect(decisionWorkbookUrl('2015 年')).toBe('/api/scoring/cycles/2015%20%E5%B9%B4/decision-workbook')
    expect(decisionWorkbookUrl('c1', 'swzzb')).toBe('/api/scoring/cycles/c1/decision-workbook?department=swzzb')
  })

  it('uploads the workbook as the multipart part "file" to the preview and to the commit, with progress', async () => {
    const sent = []
    const send = async (request) => { sent.push(request); request.onProgress(1, 2); return { rows: 1 } }
    const file = new File([new Uint8Array([0x50, 0x4b])], '扣分清单.xlsx')
    const progress = []
    await previewDecisionWorkbook('c1', file, (l, t) => progress.push(Math.round((l / t) * 100)), send)
    await commitDecisionWorkbook('c1', file, () => {}, send)
    expect(sent.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/api/scoring/cycles/c1/decision-workbook/preview'], ['POST', '/api/scoring/cycles/c1/decision-workbook']])
    expect(sent[0].body).toBeInstanceOf(FormData)
    expect(sent[0].body.get('file').name).toBe('扣分清单.xlsx')
    expect(progress).toEqual([50])
  })
})
