import { describe, it, expect, vi, beforeEach } from 'vitest'
import { nextTick } from 'vue'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ApiError } from '../api/http.js'
import { withSetup } from '../test/withSetup.js'
import { useTaskForm } from './useTaskForm.js'

const sent = []
vi.mock('../api/workflow.js', () => ({
  completeTask: vi.fn(async (id, form) => {
    sent.push([id, form])
    if (form.note === 'refuse') {
      throw new ApiError(400, { detail: '表单有误', errors: [{ location: 'note', message: '服务说：太短' }] })
    }
  }),
  getTask: vi.fn(async (id) => {
    throw new ApiError(404, { detail: `任务 ${id} 不存在或已办结` })
  }),
}))

const chase = { id: 't1', type: 'UserTask_ChaseLateSubmission' }
const other = { id: 't2', type: 'UserTask_ChaseLateSubmission' }

async function taskForm(address = '/chases', options = {}) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/chases', component: { render: () => null } }] })
  await router.push(address)
  const form = { note: '' }
  const done = []
  const { result } = withSetup(() => useTaskForm({
    fields: ['note'],
    body: () => ({ note: form.note.trim() }),
    check: (body) => (body.note ? {} : { note: { key: 'inspection.required' } }),
    done: (body, task) => done.push([body, task.id]),
    ...options,
  }), { plugins: [router] })
  return { ...result, form, done, router }
}

beforeEach(() => { sent.length = 0 })

describe('a task’s form', () => {
  it('sends nothing while its own check finds a fault, and says so at the field', async () => {
    const f = await taskForm()
    f.show(chase)
    expect(await f.submit()).toBe(false)
    expect(f.faults.at('note')).toBe('必填')
    expect(sent).toEqual([])
  })

  it('completes the open task with the form’s body, then does what follows', async () => {
    const f = await taskForm()
    f.show(chase)
    f.form.note = ' 已电话督促 '
    expect(await f.submit()).toBe(true)
    expect(sent).toEqual([['t1', { note: '已电话督促' }]])
    expect(f.done).toEqual([[{ note: '已电话督促' }, 't1']])
    expect(f.submitting.value).toBe(false)
  })

  it('places the API’s refusal at the field, keeping it for the alert', async () => {
    const f = await taskForm()
    f.show(chase)
    f.form.note = 'refuse'
    expect(await f.submit()).toBe(false)
    expect(f.faults.at('note')).toBe('服务说：太短')
    expect(f.faults.error.detail).toBe('表单有误')
    expect(f.done).toEqual([])
  })

  it('waits for what must come first (a draft being saved) before it sends', async () => {
    const order = []
    const f = await taskForm('/chases', { before: async () => { order.push('draft saved') } })
    f.show(chase)
    f.form.note = 'x'
    await f.submit()
    order.push(`sent ${sent.length}`)
    expect(order).toEqual(['draft saved', 'sent 1'])
  })

  it('names the open task in the address, and forgets it when closed', async () => {
    const f = await taskForm('/chases?cycle=c1')
    f.show(chase)
    await vi.waitFor(() => expect(f.router.currentRoute.value.query).toEqual({ cycle: 'c1', task: 't1' }))
    expect(f.wanted()).toBe('t1')
    f.close()
    await vi.waitFor(() => expect(f.router.currentRoute.value.query).toEqual({ cycle: 'c1' }))
    expect(f.open.value).toBe(null)
    expect(f.wanted()).toBe('')
  })

  it('chooses the task the address names, lets the API refuse one not offered, else takes the first', async () => {
    expect((await (await taskForm('/chases?task=t2')).choose([chase, other])).id).toBe('t2')
    await expect((await taskForm('/chases?task=t9')).choose([chase])).rejects.toThrow('任务 t9 不存在或已办结')
    expect((await (await taskForm('/chases')).choose([chase, other])).id).toBe('t1')
    expect(await (await taskForm('/chases')).choose([chase], { first: false })).toBe(null)
  })

  it('follows the address: another task named opens, none closes the form', async () => {
    const f = await taskForm()
    const opened = []
    const closed = vi.fn()
    f.followAddress((id) => opened.push(id), closed)
    await f.router.push('/chases?task=t2')
    await nextTick()
    expect(opened).toEqual(['t2'])
    f.open.value = other
    await f.router.push('/chases')
    await nextTick()
    expect(f.open.value).toBe(null)
    expect(closed).toHaveBeenCalledOnce()
  })
})
