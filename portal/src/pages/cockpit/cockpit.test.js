import { describe, it, expect } from 'vitest'
import { categoryHistory, distribution, gaps, gradeCounts, progressByCategory, rectificationAges, tallies, unitHistory } from './cockpit.js'

const buckets = (...counts) => ['<60', '60–70', '70–80', '80–90', '90–100'].map((label, i) => ({ label, count: counts[i] }))
const view = {
  cycleId: 'c2', year: 2026, title: '2026年度考核',
  categories: [
    { category: 'party', units: 3, selfAssessed: 2, reviewed: 1, inReview: 2, buckets: buckets(1, 0, 0, 1, 1),
      grades: [{ grade: '好', count: 1 }, { grade: '较好', count: 1 }, { grade: '较差', count: 1 }], ungraded: 0 },
    { category: 'mass', units: 1, selfAssessed: 0, reviewed: 1, inReview: 0, buckets: buckets(0, 0, 1, 0, 0),
      grades: [{ grade: '好', count: 0 }, { grade: '一般', count: 1 }], ungraded: 0 },
  ],
  gaps: [
    { unitCode: 'x1', unitName: '市检察院', itemCode: 'g.1', itemTitle: '党建工作', selfScore: 68, reviewedScore: '80.00', gap: -12 },
    { unitCode: 'sjw', unitName: '市纪委', itemCode: 'g.2', itemTitle: null, selfScore: 95, reviewedScore: 85, gap: 10 },
  ],
  reasons: [{ name: '材料不全', count: 3, points: '62.00' }, { name: '台账不规范', count: 1, points: 25 }],
  unitHistory: [
    { unitCode: 'sjw', unitName: '市纪委', category: 'party', years: [
      { cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 90, grade: '好' },
      { cycleId: 'c1', year: 2025, title: '2025年度考核', percent: '81.00', grade: null }] },
    { unitCode: 'x1', unitName: '市检察院', category: 'party', years: [{ cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 85, grade: '较好' }] },
    { unitCode: 'x2', unitName: '市委办', category: 'party', years: [] },
    { unitCode: 'y1', unitName: '团市委', category: 'mass', years: [] },
  ],
  categoryHistory: [
    { category: 'party', years: [{ cycleId: 'c1', year: 2025, title: '2025年度考核', percent: 81, units: 1 },
      { cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 79.5, units: 3 }] },
    { category: 'mass', years: [{ cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 75, units: 1 }] },
  ],
}

describe('the leaders’ cockpit', () => {
  it('counts per category who submitted, was reviewed, and who is overdue on a period past its due date', () => {
    const assessments = [
      { unitCode: 'sjw', period: 'Q1', submittedVersion: 1, status: 'SUBMITTED' },
      { unitCode: 'x1', period: 'Q1', submittedVersion: 0, status: 'DRAFT' },
      { unitCode: 'sjw', period: 'Q2', submittedVersion: 0, status: 'DRAFT' },
    ]
    const calendar = [{ what: 'Q1', due: '2026-04-15' }, { what: 'Q2', due: '2026-07-15' }, { what: 'INSPECTION', due: '2026-01-01' }]
    // On 5 May only Q1 is past due: x1 (a draft) and x2 (nothing opened) are overdue; y1 (mass) too.
    expect(progressByCategory(view, assessments, calendar, '2026-05-05')).toEqual([
      { category: 'party', units: 3, submitted: 2, reviewed: 1, overdue: 2 },
      { category: 'mass', units: 1, submitted: 0, reviewed: 1, overdue: 1 },
    ])
    // Once Q2 is past due, sjw's Q2 draft makes it overdue as well.
    expect(progressByCategory(view, assessments, calendar, '2026-08-01')[0].overdue).toBe(3)
    // Before any due date nobody is.
    expect(progressByCategory(view, assessments, calendar, '2026-03-01').map((r) => r.overdue)).toEqual([0, 0])
  })

  it('draws the distribution as a series per category over the buckets, and its rows as they read', () => {
    const d = distribution(view, (c) => c.toUpperCase())
    expect(d.labels).toEqual(['<60', '60–70', '70–80', '80–90', '90–100'])
    expect(d.series).toEqual([{ name: 'PARTY', values: [1, 0, 0, 1, 1] }, { name: 'MASS', values: [0, 0, 1, 0, 0] }])
    expect(d.header).toEqual(['PARTY', 'MASS'])
    expect(d.rows[2]).toEqual(['70–80', 0, 1])
  })

  it('stacks the grades per category in the order the categories name them, missing ones as 0', () => {
    const g = gradeCounts(view)
    expect(g.header).toEqual(['好', '较好', '较差', '一般'])
    expect(g.series.find((s) => s.name === '一般').values).toEqual([0, 1])
    expect(g.rows).toEqual([['party', 1, 1, 1, 0], ['mass', 0, 0, 0, 1]])
  })

  it('lists the gaps in scoring’s order, with the item’s code where it has no title, numbers as numbers', () => {
    const g = gaps(view)
    expect(g.labels).toEqual(['市检察院 · 党建工作', '市纪委 · g.2'])
    expect(g.self).toEqual([68, 95])
    expect(g.reviewed).toEqual([80, 85])
    expect(g.rows[0]).toEqual(['市检察院', 'g.1', '党建工作', 68, 80, -12])
  })

  it('counts reasons and keeps their points for the workbook', () => {
    expect(tallies(view.reasons)).toEqual({ labels: ['材料不全', '台账不规范'], counts: [3, 1],
      rows: [['材料不全', 3, 62], ['台账不规范', 1, 25]] })
    expect(tallies(undefined).labels).toEqual([])
  })

  it('ages the open rectifications only, per kind, with the units of each bucket', () => {
    const now = Date.parse('2026-06-30T00:00:00Z')
    const ago = (days) => new Date(now - days * 86400000).toISOString()
    const a = rectificationAges([
      { unitCode: 'x2', kind: 'TALK_AND_REPORT', status: 'OPEN', openedAt: ago(10) },
      { unitCode: 'sjw', kind: 'INSPECTION_NOTICE', status: 'OPEN', openedAt: ago(30) },
      { unitCode: 'x1', kind: 'INSPECTION_NOTICE', status: 'OPEN', openedAt: ago(31) },
      { unitCode: 'y1', kind: 'INSPECTION_NOTICE', status: 'OPEN', openedAt: ago(200) },
      { unitCode: 'zz', kind: 'INSPECTION_NOTICE', status: 'CLOSED', openedAt: ago(5) },
    ], now)
    expect(a.kinds).toEqual(['INSPECTION_NOTICE', 'TALK_AND_REPORT'])
    expect(a.counts).toEqual([[1, 1, 0, 1], [1, 0, 0, 0]])
    expect(a.total).toBe(4)
    expect(a.rows[0]).toEqual(['upTo30', 1, 1, 'sjw、x2'])
    expect(a.rows[3]).toEqual(['over180', 1, 0, 'y1'])
  })

  it('lines up the categories over the years, oldest first, a gap where a category had no units', () => {
    const h = categoryHistory(view)
    expect(h.labels).toEqual(['2025', '2026'])
    expect(h.series).toEqual([{ name: 'party', values: [81, 79.5] }, { name: 'mass', values: [null, 75] }])
    expect(h.rows).toEqual([['2025', 81, null], ['2026', 79.5, 75]])
  })

  it('shows one unit across years, oldest first', () => {
    const u = unitHistory(view, 'sjw')
    expect(u.labels).toEqual(['2025', '2026'])
    expect(u.values).toEqual([81, 90])
    expect(u.rows).toEqual([[2025, '2025年度考核', 81, ''], [2026, '2026年度考核', 90, '好']])
    expect(unitHistory(view, 'nobody').labels).toEqual([])
  })

  it('puts the years imported from their published 汇总表 before the platform’s cycles, and marks them', () => {
    const imported = (year, percent, grade = null) => ({ cycleId: null, year, title: `${year}年度目标绩效考核`, percent, grade, units: 1, source: 'IMPORTED' })
    const withPast = {
      unitHistory: [{ unitCode: 'sjw', unitName: '市纪委', category: 'party', years: [
        { cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 90, grade: '好', source: 'PLATFORM' }, imported(2024, '88.50', '较好'), imported(2023, 80)] }],
      categoryHistory: [
        { category: 'party', years: [imported(2023, 80), imported(2024, 84), { cycleId: 'c2', year: 2026, title: '2026年度考核', percent: 79.5, source: 'PLATFORM' }] },
        { category: 'mass', years: [imported(2024, 70)] },
      ],
    }
    const h = categoryHistory(withPast, (c) => c, '（往年导入）')
    expect(h.labels).toEqual(['2023（往年导入）', '2024（往年导入）', '2026'])
    expect(h.series).toEqual([{ name: 'party', values: [80, 84, 79.5] }, { name: 'mass', values: [null, 70, null] }])
    const u = unitHistory(withPast, 'sjw', '（往年导入）')
    expect(u.labels).toEqual(['2023（往年导入）', '2024（往年导入）', '2026'])
    expect(u.values).toEqual([80, 88.5, 90])
    expect(u.rows[1]).toEqual([2024, '2024年度目标绩效考核（往年导入）', 88.5, '较好'])
    expect(categoryHistory(withPast).labels).toEqual(['2023', '2024', '2026'])
  })
})
