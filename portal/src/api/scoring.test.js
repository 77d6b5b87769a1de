import { describe, it, expect } from 'vitest'
import { configureApi } from './http.js'
import { cockpit, commitDecisionWorkbook, commitPastYear, decisionWorkbookUrl, deletePastYear, previewDecisionWorkbook, previewPastYear, previewPath } from './scoring.js'

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

describe('the earlier years API (往年结果导入)', () => {
  it('sends the workbook with the year, the title and the full marks per category to the preview and the commit', async () => {
    const sent = []
    const send = async (request) => { sent.push(request); return { rows: 1 } }
    const file = new File([new Uint8Array([0x50, 0x4b])], '2024年汇总表.xlsx')
    await previewPastYear({ file, year: 2024, title: '2024年度目标绩效考核', fullMarks: { 乡镇: 100 } }, () => {}, send)
    await commitPastYear({ file, year: 2024, title: '2024年度目标绩效考核', fullMarks: {} }, () => {}, send)
    expect(sent.map((r) => [r.method, r.url])).toEqual([['POST', '/api/scoring/past-years/preview'], ['POST', '/api/scoring/past-years']])
    expect(sent[0].body.get('file').name).toBe('2024年汇总表.xlsx')
    expect(sent[0].body.get('year')).toBe('2024')
    expect(sent[0].body.get('title')).toBe('2024年度目标绩效考核')
    expect(JSON.parse(sent[0].body.get('fullMarks'))).toEqual({ 乡镇: 100 })
    expect(sent[1].body.has('fullMarks')).toBe(false)
  })

  it('deletes an imported year by its number', async () => {
    const asked = []
    configureApi({ fetch: async (url, request) => { asked.push([request.method, String(url)]); return new Response(null, { status: 204 }) }, cookies: () => 'XSRF-TOKEN=t' })
    await deletePastYear(2024)
    expect(asked).toEqual([['DELETE', '/api/scoring/past-years/2024']])
  })
})
