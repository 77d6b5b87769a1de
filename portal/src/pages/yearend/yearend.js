// The office's year-end work and a unit's own results, as plain logic: the grading scheme form
// (GradingScheme of scoring-service), the grades grouped per unit category, the publication's
// title, the talk's form (TalkForm) and the score sheet's chart series.

export const PROPOSE_TASKS = ['UserTask_ProposeGrades', 'UserTask_ReproposeGrades']
export const PUBLISH_TASK = 'UserTask_PublishResults'
export const TALK_TASK = 'UserTask_HoldTalk'

/** What a band's grade obliges a unit to do (scoring's GradeConsequence), mildest first. */
export const CONSEQUENCES = ['NONE', 'WRITTEN_EXPLANATION', 'TALK_AND_REPORT']

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v))

/** The scheme as the form edits it: every list present, numbers as numbers. */
export function schemeForm(scheme) {
  const s = scheme || {}
  return {
    bands: (s.bands || []).map((b) => ({ grade: b.grade || '', minPercent: num(b.minPercent), consequence: b.consequence || null })),
    quotas: (s.quotas || []).map((q) => ({ grade: q.grade || '', maxShare: num(q.maxShare) })),
    vetoes: (s.vetoes || []).map((v) => ({ itemCode: v.itemCode || '', capGrade: v.capGrade || '', reason: v.reason || '' })),
  }
}

const trim = (s) => (typeof s === 'string' ? s.trim() : s)

/**
 * The body of PUT …/grading: names trimmed, an empty veto item code as null (any veto item), a band
 * without a consequence as null (scoring names the band).
 */
export function schemeBody(form) {
  return {
    bands: form.bands.map((b) => ({ grade: trim(b.grade), minPercent: num(b.minPercent), consequence: b.consequence || null })),
    quotas: form.quotas.map((q) => ({ grade: trim(q.grade), maxShare: num(q.maxShare) })),
    vetoes: form.vetoes.map((v) => ({ itemCode: trim(v.itemCode) || null, capGrade: trim(v.capGrade), reason: trim(v.reason) || null })),
  }
}

/** Whether the form says something other than the stored scheme (then it must be saved before proposing). */
export function schemeChanged(form, stored) {
  return JSON.stringify(schemeBody(form)) !== JSON.stringify(schemeBody(schemeForm(stored)))
}

/** Units' grades per unit category, in the order the API lists them, best rank first within a category. */
export function gradesByCategory(grades) {
  const groups = new Map()
  for (const g of grades || []) {
    if (!groups.has(g.category)) groups.set(g.category, [])
    groups.get(g.category).push(g)
  }
  return [...groups.entries()].map(([category, units]) => ({
    category,
    units: [...units].sort((a, b) => a.rank - b.rank),
  }))
}

/**
 * Per category, the count of each grade next to what the quotas allow (floor(maxShare × units), as
 * scoring counts them): {grade, count, allowed|null}.
 */
export function quotaUse(units, scheme) {
  const n = units.length
  return ((scheme && scheme.bands) || []).map((b) => {
    const shares = ((scheme && scheme.quotas) || []).filter((q) => q.grade === b.grade).map((q) => Number(q.maxShare))
    const allowed = shares.length ? Math.floor(Math.min(...shares) * n + 1e-9) : null
    return { grade: b.grade, count: units.filter((u) => u.grade === b.grade).length, allowed }
  })
}

/** A grade that differs from its band's (a quota or a veto lowered it): the note says why. */
export const lowered = (g) => g.bandGrade && g.grade !== g.bandGrade

/** The leaders' returns of a ReproposeGrades task's context, with the units' names where known. */
export function returnsOf(detail) {
  const returns = (detail && detail.context && detail.context.returns) || []
  return returns.filter((r) => r && r.unitCode)
}

/** 关于{year}年度{title}考核结果的通报: the cycle's title without a leading year. */
export function defaultNoticeTitle(cycle, language = 'zh-CN') {
  if (!cycle) return ''
  const year = cycle.year || ''
  let title = (cycle.title || '').trim()
  title = title.replace(/^\d{4}\s*年度?\s*/, '').replace(/考核$/, '')
  if (language === 'en') return `Notice on the results of the ${year} ${title || 'annual'} assessment`.replace(/\s+/g, ' ')
  return `关于${year}年度${title}考核结果的通报`
}

/** Faults by field for PublishResultsForm (noticeTitle required, at most 500). */
export function publishFaults(body) {
  if (!body.noticeTitle) return { noticeTitle: { key: 'yearend.required' } }
  if (body.noticeTitle.length > 500) return { noticeTitle: { key: 'yearend.tooLong', args: { max: 500 } } }
  return {}
}

export function talkBody(form) {
  return { heldOn: form.heldOn || null, talkedWith: trim(form.talkedWith), summary: trim(form.summary) }
}

/** Faults by field for TalkForm, as the API checks it. */
export function talkFaults(body) {
  const faults = {}
  if (!body.heldOn) faults.heldOn = { key: 'yearend.required' }
  for (const [field, max] of [['talkedWith', 200], ['summary', 4000]]) {
    if (!body[field]) faults[field] = { key: 'yearend.required' }
    else if (body[field].length > max) faults[field] = { key: 'yearend.tooLong', args: { max } }
  }
  return faults
}

const round2 = (n) => Math.round(n * 100) / 100

/**
 * A score sheet's chart: per first-level indicator the points achieved (final, else reviewed,
 * else self-score) and the points lost to the maximum.
 */
export function sheetSeries(sheet) {
  const sections = (sheet && sheet.sections) || []
  const achievedOf = (s) => num(s.finalTotal) ?? num(s.reviewedTotal) ?? num(s.selfTotal)
  const achieved = sections.map((s) => achievedOf(s))
  return {
    labels: sections.map((s) => `${s.code} ${s.title}`),
    maximum: sections.map((s) => num(s.maximum)),
    achieved,
    lost: sections.map((s, i) => (achieved[i] === null || num(s.maximum) === null ? null : round2(Math.max(0, num(s.maximum) - achieved[i])))),
  }
}

/** Every deduction of a sheet with its item, for the list under the chart. */
export function deductionsOf(sheet) {
  const lines = []
  for (const section of (sheet && sheet.sections) || []) {
    for (const item of section.items || []) {
      for (const d of item.deductions || []) {
        lines.push({ section: section.code, itemCode: item.itemCode, title: item.title, points: d.points ?? null, text: d.text || d.reason || '' })
      }
    }
  }
  return lines
}

/**
 * The results table of one category as chart series: a stacked bar per unit, one series per
 * top-level column with its points.
 */
export function resultsSeries(table, group) {
  if (!table || !group) return { labels: [], series: [] }
  return {
    labels: group.rows.map((r) => r.unitName),
    series: table.columns.map((col) => ({
      name: col.title,
      values: group.rows.map((r) => {
        const cell = r.cells.find((c) => c.code === col.code)
        return cell && cell.points !== null && cell.points !== undefined ? Number(cell.points) : null
      }),
    })),
  }
}
