// The notification centre's own logic: how often the bell asks, what its badge says, which kinds
// look urgent, and the preferences form's check.

/** The bell asks for the unread count this often (and again when the page becomes visible). */
export const POLL_MS = 45_000

/** The badge's text: nothing for none, "99+" past 99. */
export function badge(count) {
  if (!count || count < 1) return ''
  return count > 99 ? '99+' : String(count)
}

const URGENT = ['TASK_OVERDUE', 'TASK_RETURNED', 'SUBMISSION_RETURNED']
const SOON = ['DEADLINE_APPROACHING', 'RECTIFICATION_OPENED']

/** The tag type of a notification's kind: danger for overdue and returns, warning for deadlines. */
export function kindTone(kind) {
  if (URGENT.includes(kind)) return 'danger'
  if (SOON.includes(kind)) return 'warning'
  return 'info'
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The preferences form's own check, as the service's: faults by field as i18n keys. */
export function preferencesFaults(p) {
  const faults = {}
  if (p.webhookEnabled && !(p.webhookUrl || '').trim()) faults.webhookUrl = 'notifications.faults.webhookUrl'
  if ((p.webhookUrl || '').trim() && !/^https?:\/\/[^/\s]+/.test(p.webhookUrl.trim())) faults.webhookUrl = 'notifications.faults.webhookUrlForm'
  if (!!p.quietStart !== !!p.quietEnd) faults[p.quietStart ? 'quietEnd' : 'quietStart'] = 'notifications.faults.quietPair'
  for (const field of ['quietStart', 'quietEnd', 'digestAt']) {
    if (p[field] && !TIME.test(p[field])) faults[field] = 'notifications.faults.time'
  }
  return faults
}

/** "22:00:00" from the API → "22:00" for the form; the form's value back as is. */
export function hhmm(value) {
  return value ? String(value).slice(0, 5) : ''
}
