import { useI18n } from 'vue-i18n'

// How the portal writes dates, times and numbers, the same in both languages (Intl words them for
// each): vue-i18n's d() and n() with these names. Points are written as the offices print them,
// without trailing zeros (1.5, 35, 0.25); an input that takes hundredths shows them itself.
const dateTimes = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  minute: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  stamp: { dateStyle: 'medium', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
  second: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
}
const numbers = {
  points: { style: 'decimal', minimumFractionDigits: 0, maximumFractionDigits: 2, useGrouping: false },
  percent: { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 },
  megabytes: { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 },
  kilobytes: { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 },
}
export const datetimeFormats = { 'zh-CN': dateTimes, en: dateTimes }
export const numberFormats = { 'zh-CN': numbers, en: numbers }

const NONE = '—'
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day ("2026-07-15") is that day in the browser's zone; anything else is an instant. */
function instant(value) {
  if (value instanceof Date || typeof value === 'number') return value
  return new Date(DATE_ONLY.test(value) ? `${value}T00:00:00` : value)
}
function number(value) {
  if (value === null || value === undefined || value === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/**
 * The formats for a page's template, each writing "—" for a value that is missing: {@code date},
 * {@code minute} (date and time), {@code second} (to the second: an audit record's when), {@code stamp} (a record's
 * when), {@code time} (of day),
 * {@code points}, {@code percent} (of 100), {@code size} (bytes) and {@code when} (a calendar day
 * as a date, an instant to the minute).
 */
export function useFormats() {
  const { d, n } = useI18n()
  const dated = (key) => (value) => (value === null || value === undefined || value === '' ? NONE : d(instant(value), key))
  const minute = dated('minute')
  const date = dated('date')
  return {
    date,
    minute,
    second: dated('second'),
    stamp: dated('stamp'),
    time: dated('time'),
    when: (value) => (typeof value === 'string' && DATE_ONLY.test(value) ? date(value) : minute(value)),
    points: (value) => (number(value) === null ? NONE : n(number(value), 'points')),
    percent: (value) => (number(value) === null ? NONE : n(number(value) / 100, 'percent')),
    size: (bytes) => (bytes >= 1048576 ? n(bytes / 1048576, 'megabytes') : n(Math.max(1, Math.round(bytes / 1024)), 'kilobytes')),
  }
}
