// scoring-service's 民主测评: the office's surveys (leaders read them) and the anonymous ballot, whose
// one-time code travels in the body only (never in an address the servers log).
import { get, post, seg } from './http.js'

const survey = (id) => `/api/scoring/surveys/${seg(id)}`

export const cycleSurveys = (cycleId) => get(`/api/scoring/cycles/${seg(cycleId)}/surveys`)
export const createSurvey = (cycleId, body) => post(`/api/scoring/cycles/${seg(cycleId)}/surveys`, body)
/** Issues the survey's codes: this answer is the only time they are shown. */
export const issueCodes = (id) => post(survey(id) + '/codes')
export const openSurvey = (id) => post(survey(id) + '/open')
export const closeSurvey = (id) => post(survey(id) + '/close')
export const surveyResults = (id) => get(survey(id) + '/results')
export const surveyResultsXlsxUrl = (id) => survey(id) + '/results.xlsx'

/** The ballot's form for a code (no login). */
export const ballotForm = (code) => post('/api/scoring/ballots/form', { code })
/** Casts the ballot (no login): ratings by unit code. */
export const castBallot = (code, ratings) => post('/api/scoring/ballots', { code, ratings })
