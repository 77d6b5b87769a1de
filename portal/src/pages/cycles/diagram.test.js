import { describe, it, expect } from 'vitest'
import { countOverlays, firstModelOf, nameIn, partyText, positionLines, positionMarkers, unitsAt, unitsPerModel } from './diagram.js'

const t = (key, args) => ({
  'roles.unit-reporter': '单位填报员', 'roles.unit-head': '单位主要领导', 'roles.dept-reviewer': '考核单位审核员',
  'roles.leader': '领导', 'diagram.waitsForDate': '到期时间', 'diagram.waitsForEvent': '外部事件', 'diagram.waitsForSystem': '系统处理',
})[key] || (args ? `${key} ${JSON.stringify(args)}` : key)

const period = {
  key: 'period-assessment', name: '季度自查与审核', nameEn: 'period self-check and review',
  steps: [
    { activityId: 'UserTask_SubmitSelfAssessment', name: '提交自评', nameEn: 'submit', kind: 'TASK', units: 2, overdueUnits: 1, waiting: 2, overdue: 1,
      unitsThere: [{ unitCode: 'b', unitName: '乙', overdue: false }, { unitCode: 'c', unitName: '丙', overdue: true }] },
    { activityId: 'UserTask_ReviewSelfAssessment', name: '审核自评', nameEn: 'review', kind: 'TASK', units: 1, overdueUnits: 0, waiting: 2, overdue: 0, unitsThere: [] },
  ],
}
const annual = {
  key: 'annual-cycle', steps: [
    { activityId: 'UserTask_ProposeGrades', name: '拟定等次', kind: 'TASK', units: 0, overdueUnits: 0, waiting: 1, overdue: 1, unitsThere: [] },
    { activityId: 'CallActivity_UnitAssessment', name: '各单位年度考核', kind: 'CALL', units: 0, overdueUnits: 0, waiting: 0, overdue: 0, unitsThere: [] },
  ],
}

describe('the diagram’s count overlays', () => {
  it('puts the number of units on each step and marks the steps with an overdue unit', () => {
    expect(countOverlays(period, 'zh-CN')).toEqual([
      { activityId: 'UserTask_SubmitSelfAssessment', count: 2, overdue: true, overdueCount: 1, title: '提交自评' },
      { activityId: 'UserTask_ReviewSelfAssessment', count: 1, overdue: false, overdueCount: 0, title: '审核自评' },
    ])
  })

  it('counts the cycle’s own steps by what waits there, and leaves out steps where nothing does', () => {
    expect(countOverlays(annual, 'en')).toEqual([
      { activityId: 'UserTask_ProposeGrades', count: 1, overdue: true, overdueCount: 1, title: '拟定等次' },
    ])
    expect(countOverlays(null)).toEqual([])
  })

  it('lists the units at a step, overdue first', () => {
    expect(unitsAt(period, 'UserTask_SubmitSelfAssessment').map((u) => u.unitCode)).toEqual(['c', 'b'])
    expect(unitsAt(period, 'nowhere')).toEqual([])
  })

  it('tells per model how many units are in it', () => {
    expect(unitsPerModel({ models: [period, annual] })).toEqual({ 'annual-cycle': 0, 'unit-assessment': 0, 'period-assessment': 2, rectification: 0 })
  })

  it('names a step in the UI’s language', () => {
    expect(nameIn(period.steps[0], 'en')).toBe('submit')
    expect(nameIn(period.steps[0], 'zh-CN')).toBe('提交自评')
    expect(nameIn({ name: '只有中文' }, 'en')).toBe('只有中文')
  })
})

describe('a unit’s position', () => {
  const position = {
    unitCode: 'bz-sjw', unitName: '市纪委',
    steps: [
      { model: 'unit-assessment', activityId: 'CallActivity_QuarterlySelfCheck', kind: 'CALL', name: '季度自查', waitsFor: [], overdue: true },
      { model: 'period-assessment', activityId: 'UserTask_ReviewSelfAssessment', kind: 'TASK', name: '审核自评', nameEn: 'review', period: 'Q1',
        waitsFor: [{ role: 'dept-reviewer', department: 'sfpymj', departmentName: '市扶贫移民局' }, { role: 'dept-reviewer', department: 'swzzb' }],
        since: '2026-01-02T00:00:00Z', due: '2026-01-09T00:00:00Z', overdue: true },
      { model: 'unit-assessment', activityId: 'TimerEvent_QuarterOpens', kind: 'TIMER', name: '季度开始', until: '2026-04-01T00:00:00Z', overdue: false },
    ],
  }
  const names = { t, locale: 'zh-CN', unitName: (c) => ({ 'bz-sjw': '市纪委' })[c] || c, departmentName: (c) => ({ swzzb: '市委组织部' })[c] || c }

  it('says where the unit waits, for whom by name, since when, until when and whether it is late', () => {
    expect(positionLines(position, names)).toEqual([
      { model: 'period-assessment', activityId: 'UserTask_ReviewSelfAssessment', name: '审核自评', period: 'Q1',
        waitsFor: '市扶贫移民局 考核单位审核员、市委组织部 考核单位审核员', since: '2026-01-02T00:00:00Z', due: '2026-01-09T00:00:00Z', overdue: true },
      { model: 'unit-assessment', activityId: 'TimerEvent_QuarterOpens', name: '季度开始', period: null, waitsFor: '到期时间',
        since: null, due: '2026-04-01T00:00:00Z', overdue: false },
    ])
  })

  it('never shows a group id: a unit by its name, a role alone when unscoped', () => {
    expect(partyText({ role: 'unit-reporter', unitCode: 'bz-sjw' }, names)).toBe('市纪委 单位填报员')
    expect(partyText({ role: 'unit-head', unitCode: 'x', unitName: '甲镇' }, names)).toBe('甲镇 单位主要领导')
    expect(partyText({ role: 'leader' }, names)).toBe('领导')
  })

  it('marks the unit’s steps of one model, and opens on the model where it really waits', () => {
    expect(positionMarkers(position, 'unit-assessment')).toEqual([
      { activityId: 'CallActivity_QuarterlySelfCheck', overdue: true }, { activityId: 'TimerEvent_QuarterOpens', overdue: false }])
    expect(firstModelOf(position)).toBe('period-assessment')
    expect(firstModelOf({ steps: [] })).toBe('unit-assessment')
  })
})
