// audit-service: the audit trail, for the audit administrator only (三员分立): search, one record with
// its place in the SM3 chain, the chain's verification, and a search's .xlsx export.
import { get, post } from './http.js'

const FILTERS = ['from', 'to', 'user', 'role', 'unit', 'action', 'object', 'outcome', 'category', 'source', 'text']

/** The query string of a filter (only what is filled in), with paging when given. */
export function auditQuery(filter = {}, page, size) {
  const query = new URLSearchParams()
  for (const name of FILTERS) {
    const value = filter[name]
    if (value !== undefined && value !== null && String(value).trim() !== '') query.set(name, String(value).trim())
  }
  if (page !== undefined) query.set('page', String(page))
  if (size !== undefined) query.set('size', String(size))
  const text = query.toString()
  return text ? `?${text}` : ''
}

/** A page of records, newest first: {total, page, size, records}. */
export const searchAudit = (filter, page = 0, size = 50) => get('/api/audit/records' + auditQuery(filter, page, size))

/** One record: every field, its position (seq), the digest it links to, its own, and whether its link checks out. */
export const auditRecord = (seq) => get(`/api/audit/records/${encodeURIComponent(seq)}`)

/** Verifies the whole chain now; the result is kept: {id, requestedBy, result: {intact, verifiedCount, …, problems}}. */
export const verifyChain = () => post('/api/audit/verification')

/** The last verification's result, or null if the chain was never verified. */
export const lastVerification = () => get('/api/audit/verification')

/** The .xlsx of a search (at most 50,000 records). */
export const auditExportUrl = (filter) => '/api/audit/records.xlsx' + auditQuery(filter)
