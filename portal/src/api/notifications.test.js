import { describe, it, expect, beforeEach } from 'vitest'
import { configureApi } from './http.js'
import { listNotifications, markRead, unreadCount, routeOf, deliveries } from './notifications.js'

describe('notification-service', () => {
  let calls
  beforeEach(() => {
    calls = []
    configureApi({
      fetch: async (url, init) => {
        calls.push({ url, method: init.method })
        const body = url.endsWith('/unread-count') ? { unread: 3 } : { items: [], total: 0, unread: 0 }
        return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
      },
      cookies: () => 'XSRF-TOKEN=x',
    })
  })

  it('lists, counts and marks the person\'s notifications', async () => {
    await listNotifications({ unread: true, page: 0, size: 20 })
    expect(await unreadCount()).toBe(3)
    await markRead('a b')
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/notifications?unread=true&page=0&size=20',
      'GET /api/notifications/unread-count',
      'POST /api/notifications/a%20b/read',
    ])
  })

  it('filters the delivery log', async () => {
    await deliveries({ state: 'FAILED', channel: '' })
    expect(calls[0].url).toBe('/api/notifications/deliveries?state=FAILED')
  })

  it('turns a notification\'s link into a route', () => {
    expect(routeOf('#/inbox?task=t1')).toBe('/inbox?task=t1')
    expect(routeOf(null)).toBe('/inbox')
  })
})
