// notification-service: the person's notification centre (站内信), their preferences, and the
// office's delivery log. Texts come already in the UI's language (Accept-Language).
import { get, post, put, query, seg } from './http.js'

const BASE = '/api/notifications'

/** A page of the person's notifications, unread first: {items, total, unread}; {unread: true} lists only unread ones. */
export const listNotifications = ({ unread, page, size } = {}) => get(BASE + query({ unread, page, size }))
/** How many are unread: the bell's number. */
export const unreadCount = () => get(BASE + '/unread-count').then((body) => (body && typeof body.unread === 'number' ? body.unread : 0))
/** Marks one read (another person's is refused as not found). */
export const markRead = (id) => post(`${BASE}/${seg(id)}/read`)
/** Marks all of the person's notifications read: {marked}. */
export const markAllRead = () => post(BASE + '/read-all')

/** The person's channels, quiet hours, digest and language. */
export const notificationPreferences = () => get(BASE + '/preferences')
/** Saves them; faults come back located (webhookUrl, quietEnd …). */
export const saveNotificationPreferences = (preferences) => put(BASE + '/preferences', preferences)

/** The office's delivery log: {items, total, byState}, filtered by state, channel, username, eventId. */
export const deliveries = (filters = {}) => get(BASE + '/deliveries' + query(filters))

/** The portal route a notification links to ("#/inbox?task=…" → "/inbox?task=…"), for the router. */
export function routeOf(link) {
  if (!link) return '/inbox'
  return link.startsWith('#') ? link.slice(1) : link
}
