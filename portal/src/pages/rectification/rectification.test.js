import { describe, it, expect } from 'vitest'
import { emptyForm, formBody, localFaults, FORM_OF } from './rectification.js'

describe('the rectification forms', () => {
  it('plans a measure per problem of the notice', () => {
    const form = emptyForm('plan', [{ problemId: 'F1' }, { problemId: 'F2' }])
    expect(form.measures.map((m) => m.problemId)).toEqual(['F1', 'F2'])
    form.measures[0] = { problemId: 'F1', measure: ' 补齐记录 ', responsibleLeader: '书记', responsibleOffice: '机关党委', deadline: '2027-03-31' }
    const body = formBody('plan', form)
    expect(body.measures[0].measure).toBe('补齐记录')
    expect(body.measures[1].deadline).toBeNull()
    const faults = localFaults('plan', body)
    expect(Object.keys(faults)).toEqual(['measures[1].measure', 'measures[1].responsibleLeader', 'measures[1].responsibleOffice', 'measures[1].deadline'])
  })

  it('asks a report for its text and every measure field', () => {
    const body = formBody('report', emptyForm('report'))
    expect(localFaults('report', body).summary).toEqual({ key: 'rectification.required' })
    expect(localFaults('report', body)['measures[0].problem']).toBeTruthy()
    expect(localFaults('report', { summary: 'x', measures: [] }).measures).toBeTruthy()
  })

  it('checks progress and verification as the API does', () => {
    expect(localFaults('progress', formBody('progress', { progress: '  ', completed: true }))).toEqual({ progress: { key: 'rectification.required' } })
    expect(localFaults('progress', { progress: 'x'.repeat(4001) }).progress).toEqual({ key: 'rectification.tooLong', args: { max: 4000 } })
    expect(localFaults('verify', formBody('verify', { verdict: 'CLOSED', comment: '到位' }))).toEqual({})
    expect(localFaults('verify', formBody('verify', { verdict: '', comment: '' }))).toHaveProperty('verdict')
  })

  it('knows which task opens which form', () => {
    expect(FORM_OF.UserTask_VerifyRectification).toBe('verify')
    expect(FORM_OF.UserTask_SubmitExplanation).toBe('report')
  })
})
