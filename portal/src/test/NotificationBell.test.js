// The bell in the top bar (here, not beside it in components/: it names the API's paths, which only src/api and tests may).
import { describe, it, expect, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import { configureApi } from '../api/http.js'
import { createPortalI18n } from '../i18n/index.js'
import NotificationBell from '../components/NotificationBell.vue'

const $ = (selector) => document.body.querySelector(selector)
afterEach(() => { document.body.innerHTML = '' })

function fakeApi(state) {
  const calls = []
  configureApi({
    fetch: async (url, init) => {
      calls.push(`${init.method} ${url}`)
      let body = {}
      if (url.endsWith('/unread-count')) body = { unread: state.unread }
      else if (url.startsWith('/api/notifications?')) body = { items: state.items, total: state.items.length, unread: state.unread }
      else if (url.endsWith('/read')) { state.unread -= 1; return new Response(null, { status: 204 }) }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
    },
    cookies: () => 'XSRF-TOKEN=t',
  })
  return calls
}

describe('the bell', () => {
  it('shows the unread count, lists the notifications and follows one to its task, marking it read', async () => {
    const state = { unread: 2, items: [
      { id: 'e1', kind: 'TASK_RETURNED', title: '被退回：补充材料并重新签发', body: '退回原因：缺少会议记录', link: '#/inbox?task=t9', occurredAt: '2026-07-01T08:00:00Z', read: false },
      { id: 'e2', kind: 'DEADLINE_APPROACHING', title: '即将到期：提交自评', body: '将于…到期', link: '#/inbox?task=t1', occurredAt: '2026-06-30T08:00:00Z', read: false },
    ] }
    const calls = fakeApi(state)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }] })
    await router.push('/results')
    const bell = mount(NotificationBell, { global: { plugins: [createPortalI18n('zh-CN'), router] }, attachTo: document.body })
    await flushPromises()
    expect($('[data-test="bell-count"]').textContent).toBe('2')

    await bell.find('[data-test="bell"]').trigger('click')
    await flushPromises()
    const returned = $('[data-test="notification-TASK_RETURNED"]')
    expect(returned.textContent).toContain('被退回：补充材料并重新签发')
    expect(returned.textContent).toContain('退回')
    returned.click()
    await flushPromises()
    expect(calls).toContain('POST /api/notifications/e1/read')
    expect(router.currentRoute.value.fullPath).toBe('/inbox?task=t9')
    expect($('[data-test="bell-count"]').textContent).toBe('1')
    bell.unmount()
  }, 60_000) // the first mount loads Element Plus; the machine is shared

  it('shows no number when everything is read', async () => {
    fakeApi({ unread: 0, items: [] })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })
    const bell = mount(NotificationBell, { global: { plugins: [createPortalI18n('zh-CN'), router] }, attachTo: document.body })
    await flushPromises()
    expect($('[data-test="bell-count"]')).toBeNull()
    expect($('[data-test="bell"]').getAttribute('aria-label')).toBe('通知（0 条未读）')
    bell.unmount()
  }, 60_000)
})
