import { describe, expect, it } from 'vitest'
import { uploadEvidence } from './evidence.js'
import { ApiError } from './http.js'

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
