import { describe, expect, it } from 'vitest'
import { openRequest, pickedUnits, progress, unitsOfResults } from './cycles.js'

describe('opening a cycle', () => {
  const roster = [{ code: 'bz-sjw', name: '市纪委（监察局）', category: 'party-dept' }]
  const empty = () => Object.fromEntries(['Q1', 'Q2', 'Q3', 'Q4', 'YEAR'].map((p) => [p, { opens: null, due: null }]))

  it('sends the units with their names and categories, and only the periods given in full', () => {
    const periods = empty()
    periods.Q1 = { opens: '2025-01-01', due: '2025-04-10' }
    periods.Q2 = { opens: '2025-04-01', due: null }
    const body = openRequest({ cycleId: ' c-1 ', year: '2025', title: '2025年度', rubricVersionId: 'v1', units: ['bz-sjw'], periods }, roster)
    expect(body).toEqual({
      cycleId: 'c-1', year: 2025, title: '2025年度', rubricVersionId: 'v1',
      units: [{ unitCode: 'bz-sjw', unitName: '市纪委（监察局）', category: 'party-dept' }],
      categories: [], unitList: null, assessedUnits: null, except: [],
      calendar: { periods: [{ period: 'Q1', opens: '2025-01-01', due: '2025-04-10' }] },
    })
  })

  it('opens whole categories less the exceptions in one choice', () => {
    const body = openRequest({ year: 2025, title: 't', rubricVersionId: 'v1', units: [], categories: ['township'],
      except: ['xz-c'], periods: empty() }, roster)
    expect(body).toMatchObject({ units: [], categories: ['township'], except: ['xz-c'] })
  })

  it('opens a saved list or every unit the version assesses in one choice', () => {
    const body = openRequest({ year: 2025, title: 't', rubricVersionId: 'v1', units: [], unitList: 'townships',
      assessedUnits: true, periods: empty() }, roster)
    expect(body).toMatchObject({ units: [], categories: [], unitList: 'townships', assessedUnits: true, except: [] })
  })

  it('counts the units picked: categories’ active units, the list’s and single ones, less the exceptions', () => {
    const units = [
      { code: 'xz-a', category: 'township' }, { code: 'xz-b', category: 'township' },
      { code: 'xz-old', category: 'township', active: false }, { code: 'bz-sjw', category: 'party-dept' },
      { code: 'bz-zjfy', category: 'party-dept' }, { code: 'qy-bank', category: 'enterprise' },
    ]
    const lists = [{ code: 'banks', name: '金融机构', units: ['qy-bank', 'xz-a'] }]
    const picked = pickedUnits({ categories: ['township'], unitList: 'banks', units: ['bz-sjw'], except: ['xz-b'] }, units, lists)
    expect(picked.sort()).toEqual(['bz-sjw', 'qy-bank', 'xz-a'])
    expect(pickedUnits({ units: [], unitList: 'gone' }, units, lists)).toEqual([])
  })

  it('sends the publicity period (公示期) when set, alone or with periods; blank keeps the platform’s', () => {
    const alone = openRequest({ year: 2025, title: 't', rubricVersionId: 'v1', units: [], periods: empty(), publicityDays: 10 }, roster)
    expect(alone.calendar).toEqual({ publicityDays: 10 })
    const periods = empty()
    periods.YEAR = { opens: '2025-12-01', due: '2025-12-31' }
    const both = openRequest({ year: 2025, title: 't', rubricVersionId: 'v1', units: [], periods, publicityDays: '7' }, roster)
    expect(both.calendar).toEqual({ periods: [{ period: 'YEAR', opens: '2025-12-01', due: '2025-12-31' }], publicityDays: 7 })
    for (const blank of [null, undefined, '']) {
      const none = openRequest({ year: 2025, title: 't', rubricVersionId: 'v1', units: [], periods: empty(), publicityDays: blank }, roster)
      expect(none.calendar).toBeNull()
    }
  })

  it('leaves blanks for the API to refuse at their fields', () => {
    const body = openRequest({ cycleId: '', year: '', title: '', rubricVersionId: '', units: [], periods: empty() }, roster)
    expect(body).toMatchObject({ cycleId: null, year: null, title: '', rubricVersionId: null, units: [], calendar: null })
  })
})

describe('monitoring a cycle', () => {
  it('says per unit and period whether it was submitted, counting what is missing', () => {
    const units = [{ unitCode: 'a', unitName: 'A' }, { unitCode: 'b', unitName: 'B' }]
    const rows = progress(units, [
      { id: '1', unitCode: 'a', period: 'Q1', status: 'RETURNED', submittedVersion: 1 },
      { id: '2', unitCode: 'b', period: 'Q1', status: 'DRAFT', submittedVersion: 0 },
    ], ['Q1', 'Q2'])
    expect(rows[0].periods.Q1.state).toBe('SUBMITTED')
    expect(rows[0].periods.Q2.state).toBe('NOT_OPENED')
    expect(rows[1].periods.Q1.state).toBe('DRAFT')
    expect(rows.map((r) => r.missing)).toEqual([1, 2])
  })

  it('reads the units from the results table', () => {
    expect(unitsOfResults({ groups: [{ category: 'x', rows: [{ unitCode: 'a', unitName: 'A' }] }] }))
      .toEqual([{ unitCode: 'a', unitName: 'A', category: 'x' }])
  })
})
