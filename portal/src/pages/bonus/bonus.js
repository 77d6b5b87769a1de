// 加分申报: the unit's application form (its check and body, as the API takes them), what an application is
// worth under its item's rule, who may answer it, and its state as a tag.
import { NAME_MAX, PARAGRAPH_MAX, charCount } from '../../inputLimits.js'

const num = (value) => (value === '' || value == null ? null : Number(value))

/** The application as the API takes it: an amount or a count, as the item's rule takes (item.takes). */
export function bonusBody(form, item) {
  const body = { itemCode: (form.itemCode || '').trim(), matter: (form.matter || '').trim(), reason: (form.reason || '').trim(),
    evidenceIds: (form.evidenceIds || []).filter(Boolean) }
  if (item && item.takes === 'COUNT') body.count = num(form.count)
  else body.amount = num(form.amount)
  return body
}

/** The points the application is worth: the amount, or the count times the item's points per item. */
export function worth(body, item) {
  if (!item) return null
  if (item.takes === 'COUNT') return body.count == null || !(body.count > 0) ? null : Math.round(body.count * item.pointsPerItem * 100) / 100
  return body.amount == null || !(body.amount > 0) ? null : body.amount
}

/** The form's own faults, as the API would find them ({field: {key, args}}); the cap as the item says it now. */
export function bonusFaults(body, item) {
  const faults = {}
  if (!body.itemCode) faults.itemCode = { key: 'bonus.required' }
  if (!body.matter) faults.matter = { key: 'bonus.required' }
  else if (charCount(body.matter) > NAME_MAX) faults.matter = { key: 'bonus.tooLong', args: { max: NAME_MAX } }
  if (!body.reason) faults.reason = { key: 'bonus.required' }
  else if (charCount(body.reason) > PARAGRAPH_MAX) faults.reason = { key: 'bonus.tooLong', args: { max: PARAGRAPH_MAX } }
  if (!body.evidenceIds.length) faults.evidenceIds = { key: 'bonus.evidenceRequired' }
  if (item && item.takes === 'COUNT') {
    if (body.count == null || !(body.count > 0)) faults.count = { key: 'bonus.positive' }
    else if (!Number.isInteger(body.count)) faults.count = { key: 'bonus.whole' }
  } else if (item) {
    if (body.amount == null || !(body.amount > 0)) faults.amount = { key: 'bonus.positive' }
    else if (Math.round(body.amount * 100) !== body.amount * 100) faults.amount = { key: 'bonus.twoDecimals' }
  }
  const points = worth(body, item)
  if (item && points != null && !faults.amount && !faults.count && points > Number(item.left)) {
    faults[item.takes === 'COUNT' ? 'count' : 'amount'] = { key: 'bonus.overCap', args: { cap: item.cap, left: item.left } }
  }
  if (item && body.matter && (item.matters || []).some((m) => m.trim().toLowerCase() === body.matter.toLowerCase())) {
    faults.matter = { key: 'bonus.counted' }
  }
  return faults
}

/** Whether the caller's department answers the application now (it assesses the item; not answered yet). */
export function answerable(application, me) {
  return !!(application && me && me.department && application.state === 'SUBMITTED'
    && (me.roles || []).includes('dept-reviewer') && (application.assessingDepartments || []).includes(me.department))
}

/** Whether the unit's reporter may still withdraw it. */
export function withdrawable(application, me) {
  return !!(application && me && application.state === 'SUBMITTED' && (me.roles || []).includes('unit-reporter')
    && me.unit === application.unitCode)
}

/** The tag type of an application's state. */
export function stateType(state) {
  return { SUBMITTED: 'warning', ACCEPTED: 'success', REFUSED: 'danger', WITHDRAWN: 'info' }[state] || 'info'
}

/** A department's refusal needs its reason. */
export function refusalFaults(reason) {
  const text = (reason || '').trim()
  if (!text) return { reason: { key: 'bonus.required' } }
  if (charCount(text) > PARAGRAPH_MAX) return { reason: { key: 'bonus.tooLong', args: { max: PARAGRAPH_MAX } } }
  return {}
}
