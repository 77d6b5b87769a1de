import { describe, it, expect } from 'vitest'
import {
  CONSEQUENCES, schemeForm, schemeBody, schemeChanged, gradesByCategory, quotaUse, lowered, returnsOf, defaultNoticeTitle,
  publishFaults, talkBody, talkFaults, sheetSeries, deductionsOf, resultsSeries,
} from './yearend.js'
import { placeErrors } from '../../composables/faults.js'

const STANDARD = {
  bands: [
    { grade: '好', minPercent: 90, consequence: 'NONE' }, { grade: '较好', minPercent: 80, consequence: 'NONE' },
    { grade: '一般', minPercent: 60, consequence: 'WRITTEN_EXPLANATION' }, { grade: '较差', minPercent: 0, consequence: 'TALK_AND_REPORT' },
  ],
  quotas: [],
  vetoes: [],
}

describe('the grading scheme form', () => {
  it('reads a stored scheme and writes the body PUT …/grading takes', () => {
    const form = schemeForm({ ...STANDARD, quotas: [{ grade: '好', maxShare: '0.30' }], vetoes: [{ itemCode: '', capGrade: '一般', reason: ' 信访 ' }] })
    expect(form.quotas).toEqual([{ grade: '好', maxShare: 0.3 }])
    form.bands[2].minPercent = '70'
    form.bands[0].grade = ' 好 '
    const body = schemeBody(form)
    expect(body.bands[0]).toEqual({ grade: '好', minPercent: 90, consequence: 'NONE' })
    expect(body.bands[2]).toEqual({ grade: '一般', minPercent: 70, consequence: 'WRITTEN_EXPLANATION' })
    expect(body.vetoes).toEqual([{ itemCode: null, capGrade: '一般', reason: '信访' }])
  })

  it('keeps an emptied number empty rather than 0, so the API names the field', () => {
    const form = schemeForm(STANDARD)
    form.bands[1].minPercent = ''
    expect(schemeBody(form).bands[1].minPercent).toBeNull()
  })

  it('keeps each band’s consequence whatever the band is called, and sends a missing one as null', () => {
    const form = schemeForm(STANDARD)
    form.bands = form.bands.map((b, i) => ({ ...b, grade: ['优秀', '良好', '合格', '不合格'][i] }))
    form.bands.splice(3, 0, { grade: '基本合格', minPercent: 50, consequence: null })
    expect(schemeBody(form).bands.map((b) => [b.grade, b.consequence])).toEqual([
      ['优秀', 'NONE'], ['良好', 'NONE'], ['合格', 'WRITTEN_EXPLANATION'], ['基本合格', null], ['不合格', 'TALK_AND_REPORT'],
    ])
    expect(schemeForm({ bands: [{ grade: '好', minPercent: 90 }] }).bands[0].consequence).toBeNull()
    expect(CONSEQUENCES).toEqual(['NONE', 'WRITTEN_EXPLANATION', 'TALK_AND_REPORT'])
  })

  it('sees a changed consequence as a change to save', () => {
    const form = schemeForm(STANDARD)
    form.bands[2].consequence = 'TALK_AND_REPORT'
    expect(schemeChanged(form, STANDARD)).toBe(true)
  })

  it('knows when the form differs from what is stored', () => {
    const form = schemeForm(STANDARD)
    expect(schemeChanged(form, STANDARD)).toBe(false)
    form.quotas.push({ grade: '好', maxShare: 0.5 })
    expect(schemeChanged(form, STANDARD)).toBe(true)
  })
})

describe('grades per category', () => {
  const grades = [
    { unitCode: 'a', category: 'party-dept', rank: 2, grade: '较好', bandGrade: '好', note: '名额限制' },
    { unitCode: 'b', category: 'mass-org', rank: 1, grade: '好', bandGrade: '好' },
    { unitCode: 'c', category: 'party-dept', rank: 1, grade: '好', bandGrade: '好' },
  ]

  it('groups in the API’s order and ranks within each', () => {
    const groups = gradesByCategory(grades)
    expect(groups.map((g) => g.category)).toEqual(['party-dept', 'mass-org'])
    expect(groups[0].units.map((u) => u.unitCode)).toEqual(['c', 'a'])
  })

  it('counts each grade against floor(share × units)', () => {
    const scheme = { ...STANDARD, quotas: [{ grade: '好', maxShare: 0.5 }, { grade: '好', maxShare: 0.4 }] }
    const use = quotaUse(gradesByCategory(grades)[0].units, scheme)
    expect(use[0]).toEqual({ grade: '好', count: 1, allowed: 0 })
    expect(use[1]).toEqual({ grade: '较好', count: 1, allowed: null })
    // 0.3 × 10 is 3 places, not 2 (floating point must not lose one).
    expect(quotaUse(Array.from({ length: 10 }, () => ({ grade: '好' })), { ...STANDARD, quotas: [{ grade: '好', maxShare: 0.3 }] })[0].allowed).toBe(3)
  })

  it('marks a grade lowered from its band', () => {
    expect(lowered(grades[0])).toBe(true)
    expect(lowered(grades[1])).toBe(false)
  })

  it('reads the leaders’ returns from a ReproposeGrades task', () => {
    expect(returnsOf({ context: { returns: [{ unitCode: 'a', reason: '差距过大', returnTo: 'SCORING' }, null] } }))
      .toEqual([{ unitCode: 'a', reason: '差距过大', returnTo: 'SCORING' }])
    expect(returnsOf({ context: {} })).toEqual([])
  })
})

describe('the publication', () => {
  it('prefills the notice title from the cycle', () => {
    expect(defaultNoticeTitle({ year: 2015, title: '2015年度市党群部门目标绩效考核' })).toBe('关于2015年度市党群部门目标绩效考核结果的通报')
    expect(defaultNoticeTitle({ year: 2026, title: '党群部门' })).toBe('关于2026年度党群部门考核结果的通报')
    expect(defaultNoticeTitle(null)).toBe('')
  })

  it('asks for a title of at most 500 characters', () => {
    expect(publishFaults({ noticeTitle: '' })).toEqual({ noticeTitle: { key: 'yearend.required' } })
    expect(publishFaults({ noticeTitle: 'x'.repeat(501) }).noticeTitle.key).toBe('yearend.tooLong')
    expect(publishFaults({ noticeTitle: '关于…的通报' })).toEqual({})
  })
})

describe('the talk', () => {
  it('sends trimmed text and asks for each field', () => {
    const body = talkBody({ heldOn: '', talkedWith: '  ', summary: 'y'.repeat(4001) })
    expect(body.talkedWith).toBe('')
    const faults = talkFaults(body)
    expect(Object.keys(faults).sort()).toEqual(['heldOn', 'summary', 'talkedWith'])
    expect(faults.summary).toEqual({ key: 'yearend.tooLong', args: { max: 4000 } })
    expect(talkFaults(talkBody({ heldOn: '2026-02-03', talkedWith: '主要负责同志', summary: '要求一周内报送整改报告' }))).toEqual({})
  })

  it('places the API’s errors by location', () => {
    expect(placeErrors([{ location: 'heldOn', message: 'a' }, { location: 'heldOn', message: 'b' }, { location: '', message: 'c' }]))
      .toEqual({ heldOn: 'a；b' })
  })
})

describe('the score sheet chart', () => {
  const sheet = {
    sections: [
      { code: '1', title: '职能职责', maximum: '6.00', selfTotal: '6.00', reviewedTotal: '5.50', finalTotal: null,
        items: [{ itemCode: '1.2', title: '党员发展', deductions: [{ text: '三会一课记录不全，扣0.5分', points: '0.5' }] }, { itemCode: '1.1', title: 'x', deductions: [] }] },
      { code: '2', title: '作风建设', maximum: '4', selfTotal: '4', reviewedTotal: null, finalTotal: '3.25', items: [] },
      { code: '3', title: '加分', maximum: '1', selfTotal: null, reviewedTotal: null, finalTotal: null, items: [] },
    ],
  }

  it('charts achieved against the maximum per first-level indicator, the best layer there is', () => {
    expect(sheetSeries(sheet)).toEqual({
      labels: ['1 职能职责', '2 作风建设', '3 加分'],
      maximum: [6, 4, 1],
      achieved: [5.5, 3.25, null],
      lost: [0.5, 0.75, null],
    })
  })

  it('lists every deduction with its item', () => {
    expect(deductionsOf(sheet)).toEqual([{ section: '1', itemCode: '1.2', title: '党员发展', points: '0.5', text: '三会一课记录不全，扣0.5分' }])
  })

  it('charts a results category as one series per top-level indicator', () => {
    const table = { columns: [{ code: '1', title: '职能职责' }, { code: '2', title: '作风' }] }
    const group = { rows: [
      { unitName: '市纪委', cells: [{ code: '1', points: '5.5' }, { code: '2', points: null }] },
      { unitName: '市中级法院', cells: [{ code: '1', points: '4' }] },
    ] }
    expect(resultsSeries(table, group)).toEqual({
      labels: ['市纪委', '市中级法院'],
      series: [{ name: '职能职责', values: [5.5, 4] }, { name: '作风', values: [null, null] }],
    })
  })
})
