// rubric-service: indicator systems (versions, their tree, imports and exports), the unit roster.
import { get, post, put, del, seg, sendRaw } from './http.js'

const version = (id) => `/api/rubric/versions/${seg(id)}`

export const listVersions = () => get('/api/rubric/versions')
export const getVersion = (id) => get(version(id))
export const versionSnapshot = (id) => get(version(id) + '/snapshot')
export const validateVersion = (id) => post(version(id) + '/validation')
export const publishVersion = (id) => post(version(id) + '/publish')
/** A new draft copied from a version (next year's). */
export const copyVersion = (id) => post(version(id) + '/copy')
/** What changed from version {@code id} to {@code to}. */
export const diffVersions = (id, to) => get(`${version(id)}/diff?to=${seg(to)}`)
export const exportPath = (id, format = 'xlsx') => `${version(id)}/export?format=${format}`
/** The items one unit is assessed on under a version. */
export const unitItems = (versionId, unitCode) => get(`${version(versionId)}/units/${seg(unitCode)}/items`)

/** Per-unit targets (seed 001) have sections and units; anything else is sent as an indicator system. */
export function uploadPathFor(content) {
  const targets = content && typeof content === 'object' && Array.isArray(content.sections) && Array.isArray(content.units)
  return targets ? '/api/rubric/versions/targets' : '/api/rubric/versions'
}
/** A version given as JSON, stored as a new draft. */
export const uploadVersion = (content) => post(uploadPathFor(content), content)

/**
 * The request importing a workbook: `content` is 'system' (seed 004's layout) or 'targets'
 * (seed 001's, a sheet per unit); header fields left blank come from the workbook's info sheet.
 */
export function importRequest(file, content, header = {}) {
  const params = new URLSearchParams()
  for (const key of ['code', 'year', 'title', ...(content === 'targets' ? ['assessingDepartment'] : [])]) {
    const value = header[key] == null ? '' : String(header[key]).trim()
    if (value) params.set(key, value)
  }
  const body = new FormData()
  body.append('file', file, file.name)
  const query = params.toString()
  return { path: `/api/rubric/imports/${content === 'targets' ? 'targets' : 'system'}${query ? '?' + query : ''}`, body }
}
/** A workbook imported as a new draft; the upload reports its progress with onProgress(loaded, total). */
export function importWorkbook(file, content, header, onProgress, send = sendRaw) {
  const request = importRequest(file, content, header)
  return send({ method: 'POST', url: request.path, body: request.body, onProgress })
}

// ------------------------------------------------------------------ the roster
// Units, assessing departments and unit categories, a PUT per entry: create-only with
// If-None-Match: * so a taken code is refused at the code field instead of overwriting the entry.

export const getRoster = () => get('/api/rubric/roster')

// Saved unit lists (e.g. 乡镇（不含开发区）): the open-cycle form opens a year for one with one choice.
const unitList = (code) => `/api/rubric/roster/lists/${seg(code)}`
export const listUnitLists = () => get('/api/rubric/roster/lists')
/** Creates or replaces the list {@code code}; 400 locates an unknown unit at units[i]. */
export const saveUnitList = (code, name, units) => put(unitList(code), { name, units })
export const deleteUnitList = (code) => del(unitList(code))
export const rosterHistory = () => get('/api/rubric/roster/history')

// The roster as a workbook (sheets 单位类别, 考核单位, 单位, 联系人): the empty template, the roster as it is,
// and an import checked whole and previewed as a difference (nothing changes) that is applied with the
// preview's token. The upload reports its progress with onProgress(loaded, total).
export const rosterTemplateUrl = '/api/rubric/roster/template'
export const rosterExportUrl = '/api/rubric/roster/export'
export function previewRosterWorkbook(file, onProgress, send = sendRaw) {
  const body = new FormData()
  body.append('file', file, file.name)
  return send({ method: 'POST', url: '/api/rubric/roster/imports', body, onProgress })
}
export const applyRosterImport = (token) => post(`/api/rubric/roster/imports/${seg(token)}`)

/** The PUT for a roster form: path, body, and If-None-Match when creating. */
export function saveRequest(kind, form, creating) {
  const code = (form.code || '').trim()
  const body = { name: (form.name || '').trim() }
  if (kind === 'units') {
    body.category = form.category || null
    body.parent = form.parent ? form.parent : null
  }
  return {
    path: rosterEntryPath(kind, code),
    body,
    headers: creating ? { 'If-None-Match': '*' } : {},
  }
}
export function saveRosterEntry(kind, form, creating) {
  const request = saveRequest(kind, form, creating)
  return put(request.path, request.body, { headers: request.headers })
}

/** Where one entry of the roster is kept (kind: units, departments or categories). */
export const rosterEntryPath = (kind, code) => `/api/rubric/roster/${kind}/${seg(code)}`
export const deleteRosterEntry = (kind, code) => del(rosterEntryPath(kind, code))

// The roster's people's accounts in Keycloak (the system administrator's): created in bulk from the
// roster with a temporary password answered once, listed, disabled, enabled, reset.
const account = (username) => `/api/rubric/accounts/${seg(username)}`
export const listAccounts = () => get('/api/rubric/accounts')
export const createAccounts = (request) => post('/api/rubric/accounts', request)
export const disableAccount = (username) => post(account(username) + '/disable')
export const enableAccount = (username) => post(account(username) + '/enable')
export const resetAccount = (username) => post(account(username) + '/reset-password')

/** The create-accounts request from the form: the units and departments chosen (or every one) and the roles. */
export function accountsRequest(form) {
  return {
    units: form.everyUnit ? [] : form.units,
    departments: form.everyDepartment ? [] : form.departments,
    everyUnit: !!form.everyUnit,
    everyDepartment: !!form.everyDepartment,
    roles: form.roles,
  }
}
