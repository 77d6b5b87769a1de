import { describe, it, expect } from 'vitest'
import { badge, kindTone, preferencesFaults, hhmm } from './notices.js'

describe('the notification centre', () => {
  it('says the unread count briefly', () => {
    expect(badge(0)).toBe('')
    expect(badge(7)).toBe('7')
    expect(badge(120)).toBe('99+')
  })

  it('marks returns and overdue tasks as urgent, deadlines as soon', () => {
    expect(kindTone('TASK_RETURNED')).toBe('danger')
    expect(kindTone('DEADLINE_APPROACHING')).toBe('warning')
    expect(kindTone('TASK_CREATED')).toBe('info')
  })

  it('checks the preferences as the service does', () => {
    expect(preferencesFaults({ webhookEnabled: true, webhookUrl: '' })).toEqual({ webhookUrl: 'notifications.faults.webhookUrl' })
    expect(preferencesFaults({ webhookUrl: 'ftp://x' })).toEqual({ webhookUrl: 'notifications.faults.webhookUrlForm' })
    expect(preferencesFaults({ quietStart: '22:00' })).toEqual({ quietEnd: 'notifications.faults.quietPair' })
    expect(preferencesFaults({ quietStart: '25:00', quietEnd: '07:00' })).toEqual({ quietStart: 'notifications.faults.time' })
    expect(preferencesFaults({ quietStart: '22:00', quietEnd: '07:30', webhookEnabled: true, webhookUrl: 'https://qyapi.weixin.qq.com/x' })).toEqual({})
    expect(hhmm('22:00:00')).toBe('22:00')
  })
})
