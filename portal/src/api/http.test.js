import { describe, it, expect, beforeEach, vi } from 'vitest'
import { api, get, post, configureApi, readCookie, errorsAt, ApiError } from './http.js'
import { placeErrors } from '../composables/faults.js'
import { describeError } from './describe.js'

/** A fetch that records requests and answers from a queue of responses. */
function fakeFetch(...answers) {
  const calls = []
  const fn = vi.fn(async (url, init = {}) => {
    calls.push({ url, init })
    const next = answers.shift()
    if (next instanceof Error) throw next
    return typeof next === 'function' ? next(url, init) : next
  })
  fn.calls = calls
  return fn
}

const json = (status, body, type = 'application/json') =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } })

let cookies
let unauthorized
beforeEach(() => {
  cookies = ''
  unauthorized = vi.fn()
  configureApi({ cookies: () => cookies, language: () => 'zh-CN', onUnauthorized: unauthorized })
})

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'SESSION=abc; XSRF-TOKEN=a%2Bb%3D; other=1')).toBe('a+b=')
    expect(readCookie('XSRF-TOKEN', 'NOT-XSRF-TOKEN=x')).toBeNull()
    expect(readCookie('XSRF-TOKEN', '')).toBeNull()
  })
})

describe('api', () => {
  it('reads with the session cookie, past the browser cache, asks for the UI language and sends no XSRF header', async () => {
    cookies = 'XSRF-TOKEN=t1'
    configureApi({ language: () => 'en' })
    const fetch = fakeFetch(json(200, [{ id: 1 }]))
    configureApi({ fetch })
    await expect(get('/api/rubric/versions')).resolves.toEqual([{ id: 1 }])
    const { init } = fetch.calls[0]
    expect(init.credentials).toBe('same-origin')
    expect(init.cache).toBe('no-store')
    expect(init.headers['Accept-Language']).toBe('en')
    expect(init.headers['X-XSRF-TOKEN']).toBeUndefined()
  })

  it('sends the XSRF-TOKEN cookie back as the X-XSRF-TOKEN header on a write, with a JSON body', async () => {
    cookies = 'SESSION=s; XSRF-TOKEN=4f2c-token'
    const fetch = fakeFetch(json(201, { id: 'v1' }))
    configureApi({ fetch })
    await post('/api/rubric/versions', { code: 'x' })
    const { init } = fetch.calls[0]
    expect(init.method).toBe('POST')
    expect(init.headers['X-XSRF-TOKEN']).toBe('4f2c-token')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ code: 'x' })
  })

  it('has the cookie issued by a GET first when a write finds none', async () => {
    const fetch = fakeFetch(
      () => { cookies = 'XSRF-TOKEN=fresh'; return json(200, { username: 'office' }) },
      json(200, { ok: true }),
    )
    configureApi({ fetch })
    await api('/api/rubric/versions/1/publish', { method: 'POST' })
    expect(fetch.calls.map((c) => c.url)).toEqual(['/api/me', '/api/rubric/versions/1/publish'])
    expect(fetch.calls[0].init.method).toBeUndefined()
    expect(fetch.calls[1].init.headers['X-XSRF-TOKEN']).toBe('fresh')
  })

  it('turns a problem detail into an error with the service’s words and every located fault', async () => {
    cookies = 'XSRF-TOKEN=t'
    const problem = {
      type: 'about:blank', title: '请求有误', status: 400, detail: '指标体系有 3 处问题，未发布。', code: 'rubric.version.invalid',
      errors: [
        { location: 'title', message: '名称不能为空' },
        { location: '1.2.1 严格执行组织生活制度', message: '下级分值合计 4 分，与本级 5 分不符' },
        { location: 'terms[0].label', message: '扣分条款名称缺失' },
      ],
    }
    configureApi({ fetch: fakeFetch(json(400, problem, 'application/problem+json')) })
    const error = await post('/api/rubric/versions/1/publish').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.kind).toBe('problem')
    expect(error.code).toBe('rubric.version.invalid')
    expect(error.detail).toBe('指标体系有 3 处问题，未发布。')
    expect(error.errorsAt('title')).toEqual(['名称不能为空'])
    expect(error.errorsAt('terms')).toEqual(['扣分条款名称缺失'])
    expect(error.errorsAt('term')).toEqual([])
    expect(error.errorsOutside(['title', 'terms']).map((e) => e.location)).toEqual(['1.2.1 严格执行组织生活制度'])
    expect(describeError(error, (k) => k)).toBe('指标体系有 3 处问题，未发布。')
  })

  it('sends the browser to login on 401', async () => {
    configureApi({ fetch: fakeFetch(new Response('', { status: 401 })) })
    const error = await get('/api/me').catch((e) => e)
    expect(error.status).toBe(401)
    expect(error.kind).toBe('unauthorized')
    expect(unauthorized).toHaveBeenCalledOnce()
  })

  it('names a bare 403 on a write as a failed CSRF check, and a failed connection as a network error', async () => {
    cookies = 'XSRF-TOKEN=stale'
    configureApi({ fetch: fakeFetch(new Response('An expected CSRF token cannot be found', { status: 403, headers: { 'Content-Type': 'text/plain' } })) })
    const csrf = await post('/api/workflow/tasks/1/claim').catch((e) => e)
    expect(csrf.kind).toBe('csrf')
    expect(describeError(csrf, (k) => k)).toBe('errors.csrf')

    configureApi({ fetch: fakeFetch(new TypeError('Failed to fetch')) })
    const down = await get('/api/workflow/tasks').catch((e) => e)
    expect(down.kind).toBe('network')
    expect(describeError(down, (k) => k)).toBe('errors.network')
  })

  it('keeps a 403 problem from a service as the service said it', async () => {
    cookies = 'XSRF-TOKEN=t'
    configureApi({ fetch: fakeFetch(json(403, { title: 'Forbidden', detail: '您无权执行此操作。', code: 'platform.forbidden' }, 'application/problem+json')) })
    const error = await post('/api/rubric/versions', {}).catch((e) => e)
    expect(error.kind).toBe('problem')
    expect(describeError(error, (k) => k)).toBe('您无权执行此操作。')
  })

  it('answers null for 204 and passes FormData through untouched', async () => {
    cookies = 'XSRF-TOKEN=t'
    const fetch = fakeFetch(new Response(null, { status: 204 }))
    configureApi({ fetch })
    const form = new FormData()
    form.append('file', new Blob(['x']), 'a.json')
    await expect(post('/upload', form)).resolves.toBeNull()
    expect(fetch.calls[0].init.body).toBe(form)
    expect(fetch.calls[0].init.headers['Content-Type']).toBeUndefined()
  })
})

describe('placeErrors / errorsAt', () => {
  it('joins several messages of one field and matches nested locations', () => {
    const errors = [{ location: 'comment', message: 'a' }, { location: 'comment', message: 'b' }, { location: 'approve[1]', message: 'c' }]
    expect(placeErrors(errors)).toEqual({ comment: 'a；b', 'approve[1]': 'c' })
    expect(errorsAt(errors, 'approve')).toEqual(['c'])
  })
})
