import { describe, it, expect } from 'vitest'
import { ballotRatings, ballotUrl, codesByGroup, progress, surveyRequest } from './surveys.js'

describe('民主测评', () => {
  it('prints the ballot address with the code in the fragment, never in the path or query', () => {
    expect(ballotUrl('https://kaohe.example.gov.cn/', 'K7Q2-9XMD-3HTA-0PZB'))
      .toBe('https://kaohe.example.gov.cn/#/ballot/K7Q2-9XMD-3HTA-0PZB')
  })

  it('shows codes used out of issued and whether the quorum is reached', () => {
    const survey = { quorum: 0.5, groups: [{ codes: 3, used: 3 }, { codes: 4, used: 0 }] }
    expect(progress(survey)).toEqual({ issued: 7, used: 3, percent: 43, quorate: false })
    survey.groups[1].used = 1
    expect(progress(survey).quorate).toBe(true)
  })

  it('sends the office’s form with numbers, and the values only for a satisfaction scale', () => {
    const form = { itemCode: ' sat.1 ', title: '满意度测评', scale: 'SCORE', quorum: '0.6', trim: true, satisfied: '1',
      basic: '0.6', dissatisfied: '0', groups: [{ name: '领导', weight: '0.4', codes: '15' }] }
    expect(surveyRequest(form)).toEqual({ itemCode: 'sat.1', title: '满意度测评', scale: 'SCORE', quorum: 0.6, trim: true,
      values: undefined, groups: [{ name: '领导', weight: 0.4, codes: 15 }] })
    expect(surveyRequest({ ...form, scale: 'SATISFACTION', basic: '' }).values)
      .toEqual({ satisfied: 1, basic: undefined, dissatisfied: 0 })
  })

  it('rates only the units answered; scores as numbers', () => {
    expect(ballotRatings('SATISFACTION', { a: 'SATISFIED', b: '', c: 'BASIC' })).toEqual({ a: 'SATISFIED', c: 'BASIC' })
    expect(ballotRatings('SCORE', { a: '85', b: null })).toEqual({ a: 85 })
  })

  it('groups the issued codes by voter group for printing', () => {
    expect(codesByGroup([{ group: 0, groupName: '领导', code: 'A' }, { group: 1, groupName: '服务对象', code: 'B' },
      { group: 0, groupName: '领导', code: 'C' }]))
      .toEqual([{ group: 0, name: '领导', codes: ['A', 'C'] }, { group: 1, name: '服务对象', codes: ['B'] }])
  })
})
