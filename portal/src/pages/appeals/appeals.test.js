import { describe, it, expect } from 'vitest'
import { appealBody, appealFaults, answerFaults, contestable, decideBody, decideFaults, evidenceLines, publicityOpen, publicityOver, sheetItems, stateKey }
  from './appeals.js'

describe('the appeal form', () => {
  it('sends the item, the reason and one evidence reference a line, trimmed', () => {
    expect(appealBody('bz-sjw', { itemCode: ' T.1 ', reason: ' 扣分有误 ', evidence: 'e-17\n\n 学习记录 \n' }))
      .toEqual({ unitCode: 'bz-sjw', itemCode: 'T.1', reason: '扣分有误', evidence: ['e-17', '学习记录'] })
    expect(evidenceLines(undefined)).toEqual([])
  })

  it('asks for the item and the reason and limits their length as the API does', () => {
    expect(appealFaults(appealBody('u', {}))).toEqual({ itemCode: { key: 'appeals.required' }, reason: { key: 'appeals.required' } })
    const long = appealFaults(appealBody('u', { itemCode: 'x'.repeat(65), reason: '长'.repeat(2001), evidence: 'e\n'.repeat(21) }))
    expect(long.itemCode.args.max).toBe(64)
    expect(long.reason.args.max).toBe(2000)
    expect(long.evidence.key).toBe('appeals.tooManyEvidence')
    expect(appealFaults(appealBody('u', { itemCode: 'T.1', reason: '有误', evidence: 'e-1' }))).toEqual({})
  })

  it('asks the department for its answer', () => {
    expect(answerFaults({ answer: '' })).toEqual({ answer: { key: 'appeals.required' } })
    expect(answerFaults({ answer: '扣分有据' })).toEqual({})
  })
})

describe('the office decision', () => {
  it('sends a rejection without a correction and an upheld appeal with the decision it corrects', () => {
    expect(decideBody({ outcome: 'REJECTED', reason: ' 维持 ', supersedes: 'd1' })).toEqual({ outcome: 'REJECTED', reason: '维持' })
    expect(decideBody({ outcome: 'UPHELD', reason: '撤销', supersedes: 'd1', kind: 'WITHDRAWAL' }))
      .toEqual({ outcome: 'UPHELD', reason: '撤销', correction: { supersedes: 'd1', kind: 'WITHDRAWAL' } })
    expect(decideBody({ outcome: 'UPHELD', reason: '减半', supersedes: 'd1', kind: 'DEDUCTION', amount: '0.05' }).correction.amount).toBe(0.05)
  })

  it('asks for the contested decision and a positive two-decimal amount for a corrected deduction', () => {
    expect(decideFaults(decideBody({ outcome: 'UPHELD', reason: 'r', kind: 'DEDUCTION', amount: '0' })))
      .toEqual({ 'correction.supersedes': { key: 'appeals.pickDecision' }, 'correction.amount': { key: 'appeals.amountPositive' } })
    expect(decideFaults(decideBody({ outcome: 'UPHELD', reason: 'r', supersedes: 'd', kind: 'DEDUCTION', amount: '0.055' })))
      .toEqual({ 'correction.amount': { key: 'appeals.twoDecimals' } })
    expect(decideFaults(decideBody({ outcome: '', reason: '' }))).toEqual({ outcome: { key: 'appeals.required' }, reason: { key: 'appeals.required' } })
    expect(decideFaults(decideBody({ outcome: 'REJECTED', reason: '维持' }))).toEqual({})
  })

  it('offers only the decisions in force to be corrected', () => {
    const history = [
      { decision: { id: 'a', kind: 'DEDUCTION' }, supersededBy: 'b' },
      { decision: { id: 'b', kind: 'DEDUCTION' }, supersededBy: null },
      { decision: { id: 'c', kind: 'WITHDRAWAL' }, supersededBy: null },
    ]
    expect(contestable(history).map((d) => d.id)).toEqual(['b'])
    expect(contestable(null)).toEqual([])
  })
})

describe('an appeal in words', () => {
  it('names the step it waits for or its outcome', () => {
    expect(stateKey({ status: 'OPEN', step: 'UserTask_AnswerAppeal' })).toBe('appeals.states.answering')
    expect(stateKey({ status: 'OPEN', step: 'UserTask_DecideAppeal' })).toBe('appeals.states.deciding')
    expect(stateKey({ status: 'OPEN', step: 'UserTask_ReapproveUnit' })).toBe('appeals.states.reapproving')
    expect(stateKey({ status: 'OPEN', step: null })).toBe('appeals.states.processing')
    expect(stateKey({ status: 'CLOSED', outcome: 'UPHELD' })).toBe('appeals.states.upheld')
    expect(stateKey({ status: 'CLOSED', outcome: 'REJECTED' })).toBe('appeals.states.rejected')
  })

  it('lists a score sheet\'s items with their score and deductions for the item choice', () => {
    const sheet = { sections: [{ title: '职能职责', items: [{ itemCode: '1.1', title: '党员发展', points: 6, reviewedScore: 5.5, finalScore: null,
      deductions: [{ text: '扣0.5分' }] }] }] }
    expect(sheetItems(sheet)).toEqual([{ itemCode: '1.1', title: '党员发展', section: '职能职责', points: 6, score: 5.5, deductions: ['扣0.5分'] }])
    expect(sheetItems(null)).toEqual([])
  })

  it('knows whether the publicity period is still open', () => {
    const now = Date.parse('2026-10-09T00:00:00Z')
    expect(publicityOpen('2026-10-10T16:00:00Z', now)).toBe(true)
    expect(publicityOpen('2026-10-08T16:00:00Z', now)).toBe(false)
    expect(publicityOpen(null, now)).toBe(false)
  })

  it('takes the appeal form away once the period is known to be over, and only then', () => {
    const now = Date.parse('2026-10-09T00:00:00Z')
    expect(publicityOver('2026-10-08T16:00:00Z', now)).toBe(true)
    expect(publicityOver('2026-10-10T16:00:00Z', now)).toBe(false)
    expect(publicityOver(null, now)).toBe(false)
  })
})
