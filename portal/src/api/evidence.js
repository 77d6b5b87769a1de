// evidence-service: what units claim and prove (self-assessments, evidence files and their uploads).
import { get, post, put, query, seg, sendRaw } from './http.js'

const assessment = (id) => `/api/evidence/self-assessments/${seg(id)}`

/** The self-assessments the caller may see; {@code cycleId} narrows them to a cycle. */
/** The units that have not submitted (未报送单位) for a period (every open period without one) as .xlsx. */
export const nonSubmittersXlsxUrl = (cycleId, period) =>
  `/api/evidence/cycles/${seg(cycleId)}/non-submitters.xlsx` + query({ period })
export const listSelfAssessments = ({ cycleId } = {}) => get('/api/evidence/self-assessments' + query({ cycleId }))
export const getSelfAssessment = (id) => get(assessment(id))
/** A unit's reporter opens the self-assessment of a cycle and period. */
export const openSelfAssessment = (unitCode, { cycleId, period }) =>
  post(`/api/evidence/units/${seg(unitCode)}/self-assessments`, { cycleId: cycleId || null, period: period || null })
/** The draft as typed: {@code draftVersion} and the changed lines. */
export const saveSelfAssessmentDraft = (id, draft) => put(assessment(id) + '/draft', draft)
/** The reporter's preparation (then the unit head's sign-off) of the draft version shown. */
export const prepareSelfAssessment = (id, draftVersion) => post(assessment(id) + '/prepare', { draftVersion })
export const signOffSelfAssessment = (id, draftVersion) => post(assessment(id) + '/sign-off', { draftVersion })
/** A department's or inspector's decisions on the submitted version's items. */
export const reviewSelfAssessment = (id, review) => post(assessment(id) + '/reviews', review)

/** Where the browser reads an evidence file (a link, a thumbnail). */
export const evidenceContentUrl = (evidenceId) => `/api/evidence/files/${seg(evidenceId)}/content`

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
    method: 'POST', url: `/api/evidence/units/${seg(unitCode)}/files?${q}`, body: file, language, xhr,
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
 * @param api { get, post } (./http.js's unless a test gives its own); {@code send} sends one part
 */
export async function resumableUpload({ unitCode, cycleId, period, itemCodes, file, evidenceDate, language, onProgress,
  storage, api = { get, post }, send = sendRaw, partSize = PART_SIZE }) {
  const key = sessionKey({ unitCode, itemCodes, file })
  let id = storage ? storage.getItem(key) : null
  let status = null
  if (id) {
    try {
      status = await api.get(`/api/evidence/uploads/${seg(id)}`)
    } catch (e) {
      if (e.status !== 404) throw e
      id = null // ended or swept: begin again
    }
  }
  if (!id) {
    const q = describeQuery({ cycleId, period, itemCodes, file, evidenceDate })
    q.set('size', String(file.size))
    status = await api.post(`/api/evidence/units/${seg(unitCode)}/uploads?${q}`)
    id = status.uploadId
    if (storage) storage.setItem(key, id)
  }
  const missing = partsToSend(file.size, status, partSize)
  let done = file.size - missing.reduce((sum, p) => sum + (p.to - p.from), 0)
  const report = (extra) => onProgress && onProgress(Math.min(100, Math.round(((done + extra) / file.size) * 100)), { id, resumedAt: missing[0] && missing[0].number })
  report(0)
  for (const part of missing) {
    await send({
      method: 'PUT', url: `/api/evidence/uploads/${seg(id)}/parts/${part.number}`,
      body: file.slice(part.from, part.to), language, onProgress: (loaded) => report(loaded),
    })
    done += part.to - part.from
    report(0)
  }
  const uploaded = await api.post(`/api/evidence/uploads/${seg(id)}/complete`)
  if (storage) storage.removeItem(key)
  return uploaded
}
