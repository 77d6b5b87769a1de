// What the 民主测评 pages compute: the ballot's address printed as a QR code, the progress of a survey,
// the request of the office's form and the ratings a ballot sends.

export const ANSWERS = ['SATISFIED', 'BASIC', 'DISSATISFIED']

/**
 * The public ballot's address for a code. The code is in the fragment (#/ballot/…), which browsers never
 * send to a server: no access log holds it.
 */
export function ballotUrl(origin, code) {
  return `${origin.replace(/\/$/, '')}/#/ballot/${encodeURIComponent(code)}`
}

/** Codes used / issued, the share used, and whether the quorum is reached. */
export function progress(survey) {
  const issued = survey.groups.reduce((n, g) => n + g.codes, 0)
  const used = survey.groups.reduce((n, g) => n + g.used, 0)
  const share = issued ? used / issued : 0
  return { issued, used, percent: Math.round(share * 100), quorate: used > 0 && share >= Number(survey.quorum) }
}

/** The office's form as the API takes it: numbers as numbers, empty values left to the service's defaults. */
export function surveyRequest(form) {
  const number = (v) => (v === '' || v == null ? undefined : Number(v))
  return {
    itemCode: form.itemCode.trim(),
    title: form.title.trim(),
    scale: form.scale,
    quorum: number(form.quorum),
    trim: !!form.trim,
    values: form.scale === 'SATISFACTION'
      ? { satisfied: number(form.satisfied), basic: number(form.basic), dissatisfied: number(form.dissatisfied) }
      : undefined,
    groups: form.groups.map((g) => ({ name: g.name.trim(), weight: number(g.weight), codes: number(g.codes) })),
  }
}

/** The ratings a ballot sends: the units answered only (a unit left blank is not rated). */
export function ballotRatings(scale, answers) {
  const ratings = {}
  for (const [unit, answer] of Object.entries(answers)) {
    if (answer === '' || answer == null) continue
    ratings[unit] = scale === 'SCORE' ? Number(answer) : answer
  }
  return ratings
}

/** Codes grouped by voter group, in the order issued: one printed sheet per group. */
export function codesByGroup(codes) {
  const groups = []
  for (const c of codes) {
    let group = groups.find((g) => g.group === c.group)
    if (!group) {
      group = { group: c.group, name: c.groupName, codes: [] }
      groups.push(group)
    }
    group.codes.push(c.code)
  }
  return groups
}
