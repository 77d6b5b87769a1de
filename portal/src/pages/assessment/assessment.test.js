import { describe, expect, it } from 'vitest'
import { groupByTop, editableCopy, draftLine, changed, lineField, scoreFault, uploadEvidence } from './assessment.js'
import { ApiError } from '../../api/http.js'

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

/** An XMLHttpRequest stand-in that answers what it is told. */
function fakeXhr(status, body, type = 'application/json') {
  const xhr = {
    headers: {}, upload: {},
    open(method, url) { this.method = method; this.url = url },
    setRequestHeader(name, value) { this.headers[name] = value },
    getResponseHeader() { return type },
    send(file) {
      this.sent = file
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 })
      this.status = status
      this.responseText = JSON.stringify(body)
      setTimeout(() => this.onload(), 0)
    },
  }
  return xhr
}

describe('uploading evidence', () => {
  it('sends the raw file described in the query and reports progress', async () => {
    const xhr = fakeXhr(201, { evidence: { evidenceId: 'e1' }, version: 1 })
    const progress = []
    const file = new File(['abc'], '台账.txt', { type: 'text/plain' })
    const answer = await uploadEvidence({ unitCode: 'bz-zjfy', cycleId: 'c1', period: 'Q1', itemCodes: ['1'], file, onProgress: (p) => progress.push(p), xhr })
    expect(answer.version).toBe(1)
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/evidence/units/bz-zjfy/files?cycleId=c1&name=%E5%8F%B0%E8%B4%A6.txt&period=Q1&item=1')
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream')
    expect(xhr.sent).toBe(file)
    expect(progress).toEqual([50])
  })

  it('rejects with the service’s problem in words', async () => {
    const xhr = fakeXhr(413, { title: '文件过大', detail: '文件超过 50 MB 的上限，未保存。', code: 'evidence.file.too-large' }, 'application/problem+json')
    const file = new File(['abc'], 'a.txt')
    const error = await uploadEvidence({ unitCode: 'u', cycleId: 'c', file, xhr }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(413)
    expect(error.detail).toMatch(/上限/)
  })
})
