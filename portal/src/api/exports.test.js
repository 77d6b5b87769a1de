import { describe, it, expect } from 'vitest'
import { doneTasksXlsxUrl, openTasksXlsxUrl, rectificationsXlsxUrl } from './workflow.js'
import { decisionsXlsxUrl } from './scoring.js'
import { nonSubmittersXlsxUrl } from './evidence.js'

// The list exports (.xlsx): each list's download address carries the list's own filters, never its paging.
describe('the list exports', () => {
  it('ask for the open tasks with the inbox filters, without its page', () => {
    expect(openTasksXlsxUrl({ type: 'UserTask_ReviewSelfAssessment', overdue: true, assigned: '', period: 'Q1', page: 2, size: 50 }))
      .toBe('/api/workflow/tasks.xlsx?type=UserTask_ReviewSelfAssessment&overdue=true&period=Q1')
    expect(openTasksXlsxUrl()).toBe('/api/workflow/tasks.xlsx')
  })

  it('ask for the completed tasks, of one cycle when given', () => {
    expect(doneTasksXlsxUrl()).toBe('/api/workflow/tasks/done.xlsx')
    expect(doneTasksXlsxUrl({ cycleId: '2015 年' })).toBe('/api/workflow/tasks/done.xlsx?cycleId=2015+%E5%B9%B4')
  })

  it('ask for the rectification ledgers of a cycle and unit', () => {
    expect(rectificationsXlsxUrl({ cycleId: 'c1' })).toBe('/api/workflow/rectifications.xlsx?cycleId=c1')
    expect(rectificationsXlsxUrl()).toBe('/api/workflow/rectifications.xlsx')
  })

  it('ask for a cycle’s decisions ledger', () => {
    expect(decisionsXlsxUrl('c 1')).toBe('/api/scoring/cycles/c%201/decisions.xlsx')
  })

  it('ask for the units that have not submitted for a period, or every open one', () => {
    expect(nonSubmittersXlsxUrl('c 1', 'Q2')).toBe('/api/evidence/cycles/c%201/non-submitters.xlsx?period=Q2')
    expect(nonSubmittersXlsxUrl('c1')).toBe('/api/evidence/cycles/c1/non-submitters.xlsx')
  })
})
