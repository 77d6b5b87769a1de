import { describe, it, expect } from 'vitest'
import { taskName, dueState, countsOf } from './tasks.js'
import { pageOf } from '../../api/workflow.js'

describe('inbox helpers', () => {
  it('reads both a page and a bare list', () => {
    expect(pageOf({ tasks: [{ id: 'a' }], total: 7, page: 0, size: 1 })).toEqual({ tasks: [{ id: 'a' }], total: 7 })
    expect(pageOf([{ id: 'a' }, { id: 'b' }]).total).toBe(2)
  })

  it('shows the part of a bilingual task name for the UI language', () => {
    const name = '审核自评 / review the self-assessment'
    expect(taskName(name, 'zh-CN')).toBe('审核自评')
    expect(taskName(name, 'en')).toBe('review the self-assessment')
    expect(taskName('约谈', 'en')).toBe('约谈')
    expect(taskName('提交自评（填报、主要领导签发）/ submit the self-assessment', 'zh-CN')).toBe('提交自评（填报、主要领导签发）')
    expect(taskName('提交自评（填报、主要领导签发）/ submit the self-assessment', 'en')).toBe('submit the self-assessment')
    expect(taskName('市委/市政府督查', 'zh-CN')).toBe('市委/市政府督查')
  })

  it('tells overdue from due soon', () => {
    const now = Date.parse('2025-03-30T00:00:00Z')
    expect(dueState({ due: '2025-03-29T00:00:00Z' }, now)).toBe('overdue')
    expect(dueState({ due: '2025-04-30T00:00:00Z', overdue: true }, now)).toBe('overdue')
    expect(dueState({ due: '2025-03-31T15:59:59Z' }, now)).toBe('soon')
    expect(dueState({ due: '2025-06-30T00:00:00Z' }, now)).toBe('later')
    expect(dueState({ due: null }, now)).toBe('none')
  })

  it('counts per type when the workflow has no counts endpoint', () => {
    const now = Date.parse('2025-03-30T00:00:00Z')
    const counts = countsOf([
      { type: 'R', due: '2025-01-01T00:00:00Z', assignee: 'me' },
      { type: 'R', due: '2025-12-01T00:00:00Z' },
      { type: 'S', due: null },
    ], 'me', now)
    expect(counts).toEqual([
      { type: 'R', name: undefined, open: 2, overdue: 1, mine: 1 },
      { type: 'S', name: undefined, open: 1, overdue: 0, mine: 0 },
    ])
  })
})

describe('where a task is handled', () => {
  it('opens the approval and rectification forms, nothing for event-completed tasks', async () => {
    const { formRoute } = await import('./tasks.js')
    expect(formRoute({ id: '7', type: 'UserTask_ApproveGrades' })).toEqual({ path: '/approvals', query: { task: '7' } })
    expect(formRoute({ id: '8', type: 'UserTask_VerifyRectification' })).toEqual({ path: '/rectifications', query: { task: '8' } })
    for (const type of ['UserTask_AnswerAppeal', 'UserTask_DecideAppeal', 'UserTask_ReapproveUnit']) {
      expect(formRoute({ id: '9', type, cycleId: 'c1' })).toEqual({ path: '/appeals', query: { task: '9', cycle: 'c1' } })
    }
    expect(formRoute({ id: '9', type: 'UserTask_SubmitSelfAssessment', completedByEvent: true })).toBeNull()
    expect(formRoute({ id: '9', type: 'UserTask_PublishResults' })).toEqual({ path: '/publication', query: { task: '9' } })
    expect(formRoute({ id: '10', type: 'UserTask_HoldTalk' })).toEqual({ path: '/talks', query: { task: '10' } })
    // Ended by scoring's GradesProposed, yet the office proposes on a page of the portal.
    expect(formRoute({ id: '11', type: 'UserTask_ProposeGrades', cycleId: 'c', completedByEvent: true }))
      .toEqual({ path: '/proposals', query: { task: '11', cycle: 'c' } })
  })
})

describe('done tasks and the claimed task’s actions', async () => {
  const { doneState, heldBy, delegateProblem, refusalAt } = await import('./tasks.js')
  const { ApiError } = await import('../../api/http.js')

  it('says whether a completed task was on time, from the API or from its dates', () => {
    expect(doneState({ due: '2025-03-31T00:00:00Z', onTime: true })).toBe('onTime')
    expect(doneState({ due: '2025-03-31T00:00:00Z', onTime: false })).toBe('late')
    expect(doneState({ due: '2025-03-31T00:00:00Z', completed: '2025-04-01T00:00:00Z' })).toBe('late')
    expect(doneState({ due: '2025-03-31T00:00:00Z', completed: '2025-03-31T00:00:00Z' })).toBe('onTime')
    expect(doneState({ due: null, onTime: true })).toBe('noDue')
  })

  it('offers unclaim and delegate only on the person’s own claimed task', () => {
    expect(heldBy({ assignee: 'reporter.sjw' }, 'reporter.sjw')).toBe(true)
    expect(heldBy({ assignee: 'head.sjw' }, 'reporter.sjw')).toBe(false)
    expect(heldBy({ assignee: null }, 'reporter.sjw')).toBe(false)
    expect(heldBy({ assignee: 'reporter.sjw', completedByEvent: true }, 'reporter.sjw')).toBe(false)
    expect(heldBy({ assignee: 'x' }, undefined)).toBe(false)
  })

  it('checks the colleague’s user name as DelegateRequest does', () => {
    expect(delegateProblem('')).toBe('inbox.delegateRequired')
    expect(delegateProblem('   ')).toBe('inbox.delegateRequired')
    expect(delegateProblem('a'.repeat(201))).toBe('inbox.delegateTooLong')
    expect(delegateProblem(' reporter2.sjw ')).toBeNull()
  })

  it('shows the API’s refusal at the field: located messages first, else its detail', () => {
    const describe = (e) => e.detail
    const located = new ApiError(400, { detail: '请求有误',
      errors: [{ location: 'userId', message: '不能为空' }, { location: 'other', message: 'x' }] })
    expect(refusalAt(located, 'userId', describe)).toBe('不能为空')
    const self = new ApiError(400, { detail: '不能把任务委派给自己。', errors: [] })
    expect(refusalAt(self, 'userId', describe)).toBe('不能把任务委派给自己。')
  })
})
