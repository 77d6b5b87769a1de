// Reading and writing a self-assessment (evidence-service): the lines grouped under their
// top-level indicator, the draft sent back as the API takes it, field locations as the API names
// them ("lines[1.2.1].selfScore"), and evidence uploaded as a raw body with progress.
import { ApiError, XSRF_COOKIE, XSRF_HEADER, readCookie, toApiError } from '../../api/http.js'

/** The lines under their top-level indicator, in the API's order. */
export function groupByTop(lines) {
  const groups = []
  const byTitle = new Map()
  for (const line of lines || []) {
    const title = line.topLevelTitle || (line.path && line.path[0]) || ''
    if (!byTitle.has(title)) {
      const group = { title, lines: [], points: 0 }
      byTitle.set(title, group)
      groups.push(group)
    }
    const group = byTitle.get(title)
    group.lines.push(line)
    group.points += Number(line.points) || 0
  }
  return groups
}

/** The values the item's rule needs entered (MeasureSpec: name, kind, label). */
export function measuresOf(line) {
  return line.measures || (line.rule && line.rule.measures) || []
}

/** A form's copy of a line: what the unit edits. */
export function editableCopy(line) {
  const measured = {}
  for (const spec of measuresOf(line)) {
    measured[spec.name] = line.measured && line.measured[spec.name] != null ? line.measured[spec.name] : null
  }
  return {
    itemCode: line.itemCode,
    selfScore: line.selfScore == null ? null : Number(line.selfScore),
    measured,
    statement: line.statement || '',
  }
}

/** The draft request's line: blank values as null (a draft may be partial). */
export function draftLine(copy) {
  const measured = {}
  for (const [name, value] of Object.entries(copy.measured || {})) {
    measured[name] = value === '' || value === undefined ? null : value
  }
  return {
    itemCode: copy.itemCode,
    selfScore: copy.selfScore === '' || copy.selfScore === undefined ? null : copy.selfScore,
    measured,
    statement: copy.statement && copy.statement.trim() ? copy.statement : null,
  }
}

/** Whether a form copy differs from what was saved. */
export function changed(copy, line) {
  return JSON.stringify(draftLine(copy)) !== JSON.stringify(draftLine(editableCopy(line)))
}

/** Where the API puts a fault of a line's field: lines[<code>].<field>. */
export const lineField = (itemCode, field) => `lines[${itemCode}]${field ? '.' + field : ''}`
/** Where the review API puts a fault of a decision: decisions[<code>].<field>. */
export const decisionField = (itemCode, field) => `decisions[${itemCode}]${field ? '.' + field : ''}`

/** The points of a score as the API would keep them (two places), or null. */
export function twoPlaces(value) {
  if (value === null || value === undefined || value === '') return null
  return Math.round(Number(value) * 100) / 100
}

/** The self-score's own check, as the API makes it: within [0, points], two decimals. */
export function scoreFault(score, points, t) {
  if (score === null || score === undefined || score === '') return ''
  const n = Number(score)
  if (Number.isNaN(n) || n < 0 || n > Number(points)) return t('assessment.scoreRange', { points })
  if (Math.round(n * 100) !== n * 100) return t('assessment.scoreScale')
  return ''
}

/** Tag colour of a line's review status. */
export function reviewTagType(status) {
  return { ACCEPTED: 'success', RETURNED: 'danger', PENDING: 'warning' }[status] || 'info'
}

/**
 * Sends a raw body with progress and resolves to the API's JSON answer; rejects with an ApiError
 * worded by the service. XMLHttpRequest because fetch() reports no upload progress.
 */
export function sendRaw({ method, url, body, language, onProgress, xhr = new XMLHttpRequest() }) {
  return new Promise((resolve, reject) => {
    xhr.open(method, url)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.setRequestHeader('Accept-Language', language || 'zh-CN')
    const token = readCookie(XSRF_COOKIE, typeof document === 'undefined' ? '' : document.cookie)
    if (token) xhr.setRequestHeader(XSRF_HEADER, token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded, e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, { detail: null }, 'network'))
    xhr.onabort = () => reject(new ApiError(0, { detail: null }, 'network'))
    xhr.onload = async () => {
      const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') || '' })
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null)
      } else {
        reject(await toApiError(new Response(xhr.responseText || null, { status: xhr.status, headers }), method))
      }
    }
    xhr.send(body)
  })
}

/** The description of an upload as the evidence API takes it in the query. */
function describeQuery({ cycleId, period, itemCodes, file, evidenceDate }) {
  const q = new URLSearchParams({ cycleId, name: file.name })
  if (period) q.set('period', period)
  if (evidenceDate) q.set('evidenceDate', evidenceDate)
  for (const code of itemCodes || []) q.append('item', code)
  return q
}

/**
 * Uploads a file as the evidence API takes it (the raw bytes, described in the query), with
 * progress in percent. Resolves to the API's answer; rejects with an ApiError.
 */
export function uploadEvidence({ unitCode, cycleId, period, itemCodes, file, evidenceDate, language, onProgress, xhr = new XMLHttpRequest() }) {
  const q = describeQuery({ cycleId, period, itemCodes, file, evidenceDate })
  return sendRaw({
    method: 'POST', url: `/api/evidence/units/${encodeURIComponent(unitCode)}/files?${q}`, body: file, language, xhr,
    onProgress: onProgress && ((loaded, total) => onProgress(Math.round((loaded / total) * 100))),
  })
}

/** Files larger than this go through a resumable upload session, in parts of PART_SIZE. */
export const RESUMABLE_THRESHOLD = 16 * 1024 * 1024
export const PART_SIZE = 8 * 1024 * 1024

/** Where the page keeps a resumable upload's id, so that picking the same file again (even after a reload) resumes it. */
export function sessionKey({ unitCode, itemCodes, file }) {
  return ['kaohe.upload', unitCode, (itemCodes || []).join(','), file.name, file.size, file.lastModified].join('|')
}

/** The parts a file of {@code size} bytes is sent in: [{ number, from, to }], to exclusive. */
export function partsOf(size, partSize = PART_SIZE) {
  const parts = []
  for (let from = 0, number = 1; from < size; from += partSize, number++) {
    parts.push({ number, from, to: Math.min(size, from + partSize) })
  }
  return parts
}

/** The parts still to send, given what the server says it has (a part counts when its size is right). */
export function partsToSend(size, status, partSize = PART_SIZE) {
  const have = new Map(((status && status.parts) || []).map((p) => [p.number, p.size]))
  return partsOf(size, partSize).filter((p) => have.get(p.number) !== p.to - p.from)
}

/**
 * Uploads a large file through an upload session: begins one (or continues the one kept in
 * {@code storage} for this unit, item, file name, size and date), sends the parts the server does
 * not have yet, one at a time with progress over the whole file, and completes it. A failure
 * leaves the session in place: calling this again with the same file resumes it.
 *
 * @param api { get, post, del } of ../../api/http.js (injected for tests); {@code send} sends one part
 */
export async function resumableUpload({ unitCode, cycleId, period, itemCodes, file, evidenceDate, language, onProgress,
  storage, api, send = sendRaw, partSize = PART_SIZE }) {
  const key = sessionKey({ unitCode, itemCodes, file })
  let id = storage ? storage.getItem(key) : null
  let status = null
  if (id) {
    try {
      status = await api.get(`/api/evidence/uploads/${encodeURIComponent(id)}`)
    } catch (e) {
      if (e.status !== 404) throw e
      id = null // ended or swept: begin again
    }
  }
  if (!id) {
    const q = describeQuery({ cycleId, period, itemCodes, file, evidenceDate })
    q.set('size', String(file.size))
    status = await api.post(`/api/evidence/units/${encodeURIComponent(unitCode)}/uploads?${q}`)
    id = status.uploadId
    if (storage) storage.setItem(key, id)
  }
  const missing = partsToSend(file.size, status, partSize)
  let done = file.size - missing.reduce((sum, p) => sum + (p.to - p.from), 0)
  const report = (extra) => onProgress && onProgress(Math.min(100, Math.round(((done + extra) / file.size) * 100)), { id, resumedAt: missing[0] && missing[0].number })
  report(0)
  for (const part of missing) {
    await send({
      method: 'PUT', url: `/api/evidence/uploads/${encodeURIComponent(id)}/parts/${part.number}`,
      body: file.slice(part.from, part.to), language, onProgress: (loaded) => report(loaded),
    })
    done += part.to - part.from
    report(0)
  }
  const uploaded = await api.post(`/api/evidence/uploads/${encodeURIComponent(id)}/complete`)
  if (storage) storage.removeItem(key)
  return uploaded
}

/** Today in the browser's zone as yyyy-MM-dd: the evidence date a file gets unless the unit says otherwise. */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
