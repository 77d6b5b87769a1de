import { describe, it, expect } from 'vitest'
import { withSetup } from '../test/withSetup.js'
import { useFormats } from './formats.js'

const formats = (language) => withSetup(useFormats, { language }).result

describe('the portal’s formats', () => {
  it('writes points as the offices print them: no trailing zeros, at most two places', () => {
    const { points } = formats('zh-CN')
    expect(points(1.5)).toBe('1.5')
    expect(points('5.50')).toBe('5.5')
    expect(points('35.00')).toBe('35')
    expect(points(0.25)).toBe('0.25')
    expect(points(2.005)).toBe('2.01')
    expect(points(1234.5)).toBe('1234.5')
    expect(points(null)).toBe('—')
    expect(points('')).toBe('—')
    expect(formats('en').points(6)).toBe('6')
  })

  it('writes a share of 100 with two places', () => {
    expect(formats('zh-CN').percent(91.6667)).toBe('91.67%')
    expect(formats('en').percent('66.67')).toBe('66.67%')
  })

  it('writes a calendar day as that day wherever the browser is, an instant in the browser’s zone', () => {
    const { date, when, minute } = formats('zh-CN')
    expect(date('2026-07-15')).toBe('2026/07/15')
    expect(formats('en').date('2026-07-15')).toBe('07/15/2026')
    expect(when('2026-07-15')).toBe('2026/07/15')
    const noon = new Date(2026, 6, 15, 12, 30)
    expect(when(noon.toISOString())).toBe(minute(noon))
    expect(minute(noon)).toMatch(/^2026\/07\/15 12:30$/)
    expect(date(null)).toBe('—')
  })

  it('writes the time of day on a 24-hour clock in both languages', () => {
    const at = new Date(2026, 6, 15, 16, 5, 9)
    expect(formats('zh-CN').time(at)).toBe('16:05:09')
    expect(formats('en').time(at)).toBe('16:05:09')
  })

  it('writes an audit record’s time to the second', () => {
    const at = new Date(2026, 6, 15, 16, 5, 9)
    expect(formats('zh-CN').second(at)).toBe('2026/07/15 16:05:09')
    expect(formats('zh-CN').second(null)).toBe('—')
  })

  it('writes file sizes in kB below a megabyte, MB to a tenth above', () => {
    const { size } = formats('en')
    expect(size(2048)).toBe('2 kB')
    expect(size(100)).toBe('1 kB')
    expect(size(20 * 1048576)).toBe('20.0 MB')
  })
})
