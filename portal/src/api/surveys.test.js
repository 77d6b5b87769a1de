import { describe, it, expect } from 'vitest'
import { configureApi } from './http.js'
import { ballotForm, castBallot, cycleSurveys, issueCodes } from './surveys.js'

describe('surveys (scoring-service)', () => {
  it('sends the code in the body of a POST, never in the address', async () => {
    const asked = []
    configureApi({
      cookies: () => 'XSRF-TOKEN=t',
      fetch: async (url, init) => {
        asked.push([init.method, String(url), init.body])
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
      },
    })
    await ballotForm('K7Q2')
    await castBallot('K7Q2', { a: 'SATISFIED' })
    await cycleSurveys('2015 年')
    await issueCodes('s1')
    expect(asked.map(([m, u]) => `${m} ${u}`)).toEqual(['POST /api/scoring/ballots/form', 'POST /api/scoring/ballots',
      'GET /api/scoring/cycles/2015%20%E5%B9%B4/surveys', 'POST /api/scoring/surveys/s1/codes'])
    expect(JSON.parse(asked[1][2])).toEqual({ code: 'K7Q2', ratings: { a: 'SATISFIED' } })
  })
})
