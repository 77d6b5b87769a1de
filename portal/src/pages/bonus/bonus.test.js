import { describe, it, expect } from 'vitest'
import { answerable, bonusBody, bonusFaults, refusalFaults, stateType, withdrawable, worth } from './bonus.js'

const amountItem = { itemCode: 'sup.1', takes: 'AMOUNT', cap: 100, left: 15, matters: ['县委工作会议书面通报表扬'] }
const countItem = { itemCode: 'key.1', takes: 'COUNT', pointsPerItem: 2, cap: 10, left: 6, matters: [] }

describe('the bonus application form', () => {
  it('sends an amount or a count as the item takes, trimmed, with the evidence ids', () => {
    expect(bonusBody({ itemCode: ' sup.1 ', matter: ' 省级荣誉 ', amount: '5', reason: ' 省级表彰 ', evidenceIds: ['e1', ''] }, amountItem))
      .toEqual({ itemCode: 'sup.1', matter: '省级荣誉', amount: 5, reason: '省级表彰', evidenceIds: ['e1'] })
    expect(bonusBody({ itemCode: 'key.1', matter: 'm', count: '2', amount: '9', reason: 'r', evidenceIds: ['e1'] }, countItem))
      .toEqual({ itemCode: 'key.1', matter: 'm', count: 2, reason: 'r', evidenceIds: ['e1'] })
  })

  it('is worth the amount, or the count times the points per item', () => {
    expect(worth({ amount: 5 }, amountItem)).toBe(5)
    expect(worth({ count: 3 }, countItem)).toBe(6)
    expect(worth({ count: null }, countItem)).toBeNull()
  })

  it('asks for the matter, the reason and evidence, and refuses what passes the cap or counts a matter twice', () => {
    expect(bonusFaults(bonusBody({}, amountItem), amountItem)).toEqual({ itemCode: { key: 'bonus.required' },
      matter: { key: 'bonus.required' }, reason: { key: 'bonus.required' }, evidenceIds: { key: 'bonus.evidenceRequired' },
      amount: { key: 'bonus.positive' } })
    const over = bonusFaults(bonusBody({ itemCode: 'sup.1', matter: '省级荣誉', amount: '16', reason: 'r', evidenceIds: ['e'] }, amountItem), amountItem)
    expect(over).toEqual({ amount: { key: 'bonus.overCap', args: { cap: 100, left: 15 } } })
    const twice = bonusFaults(bonusBody({ itemCode: 'sup.1', matter: '县委工作会议书面通报表扬', amount: '1', reason: 'r', evidenceIds: ['e'] },
      amountItem), amountItem)
    expect(twice).toEqual({ matter: { key: 'bonus.counted' } })
    expect(bonusFaults(bonusBody({ itemCode: 'key.1', matter: 'm', count: '1.5', reason: 'r', evidenceIds: ['e'] }, countItem), countItem))
      .toEqual({ count: { key: 'bonus.whole' } })
    expect(bonusFaults(bonusBody({ itemCode: 'key.1', matter: 'm', count: '4', reason: 'r', evidenceIds: ['e'] }, countItem), countItem).count.key)
      .toBe('bonus.overCap')
    expect(bonusFaults(bonusBody({ itemCode: 'key.1', matter: 'm', count: '3', reason: 'r', evidenceIds: ['e'] }, countItem), countItem)).toEqual({})
    expect(bonusFaults(bonusBody({ itemCode: 'sup.1', matter: 'm', amount: '0.055', reason: 'r', evidenceIds: ['e'] }, amountItem), amountItem))
      .toEqual({ amount: { key: 'bonus.twoDecimals' } })
  })
})

describe('who acts on an application', () => {
  const application = { unitCode: 'bz-sjw', state: 'SUBMITTED', assessingDepartments: ['swzzb'] }
  it('is answered by a reviewer of a department assessing the item, while it waits', () => {
    expect(answerable(application, { roles: ['dept-reviewer'], department: 'swzzb' })).toBe(true)
    expect(answerable(application, { roles: ['dept-reviewer'], department: 'sfpymj' })).toBe(false)
    expect(answerable({ ...application, state: 'ACCEPTED' }, { roles: ['dept-reviewer'], department: 'swzzb' })).toBe(false)
    expect(answerable(application, { roles: ['office-admin'], department: 'swzzb' })).toBe(false)
  })
  it('is withdrawn by the unit’s reporter before an answer', () => {
    expect(withdrawable(application, { roles: ['unit-reporter'], unit: 'bz-sjw' })).toBe(true)
    expect(withdrawable(application, { roles: ['unit-reporter'], unit: 'bz-zjfy' })).toBe(false)
    expect(withdrawable({ ...application, state: 'REFUSED' }, { roles: ['unit-reporter'], unit: 'bz-sjw' })).toBe(false)
  })
  it('needs a reason to refuse, and shows each state as a tag', () => {
    expect(refusalFaults(' ')).toEqual({ reason: { key: 'bonus.required' } })
    expect(refusalFaults('表扬对象非本单位')).toEqual({})
    expect(stateType('ACCEPTED')).toBe('success')
    expect(stateType('REFUSED')).toBe('danger')
  })
})
