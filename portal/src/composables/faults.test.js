import { describe, it, expect } from 'vitest'
import { ApiError } from '../api/http.js'
import { withSetup } from '../test/withSetup.js'
import { placeErrors, pruneFaults, useFaults, within } from './faults.js'

const refusal = new ApiError(400, {
  detail: '表单有误',
  errors: [
    { location: 'measures[0].deadline', message: '必填' },
    { location: 'measures[0].deadline', message: '须在通报之后' },
    { location: 'summary', message: '过长' },
    { location: 'elsewhere', message: '另有问题' },
    { location: '', message: '整体问题' },
  ],
})

describe('placing faults', () => {
  it('places an API refusal’s located errors by location, several at one place joined', () => {
    expect(placeErrors(refusal.errors)).toEqual({ 'measures[0].deadline': '必填；须在通报之后', summary: '过长', elsewhere: '另有问题' })
    expect(placeErrors(undefined)).toEqual({})
  })

  it('finds what is at a place or inside it', () => {
    const placed = placeErrors(refusal.errors)
    expect(within(placed, 'measures')).toBe('必填；须在通报之后')
    expect(within(placed, 'measure')).toBe('')
    expect(within(placed, 'summary')).toBe('过长')
  })

  it('keeps only the messages of faults still found', () => {
    expect(pruneFaults({ a: 'x', b: 'y' }, { b: { key: 'k' } })).toEqual({ b: 'y' })
  })
})

describe('a form’s faults', () => {
  it('shows its own checks in the UI’s words, and says whether there were none', () => {
    const { result: faults } = withSetup(() => useFaults(['title']))
    expect(faults.check({ title: { key: 'yearend.tooLong', args: { max: 500 } } })).toBe(false)
    expect(faults.at('title')).toBe('不超过 500 字')
    expect(faults.check({})).toBe(true)
    expect(faults.at('title')).toBe('')
  })

  it('shows a refusal: its errors at their fields, the refusal for the alert, the fields it covers', () => {
    const { result: faults } = withSetup(() => useFaults(['summary', 'measures']))
    faults.refuse(refusal)
    expect(faults.error).toBe(refusal)
    expect(faults.at('measures[0].deadline')).toBe('必填；须在通报之后')
    expect(faults.at('measures')).toBe('')
    expect(faults.within('measures')).toBe('必填；须在通报之后')
    // What the alert lists: the errors at no field of the form.
    expect(refusal.errorsOutside(faults.placed).map((e) => e.message)).toEqual(['另有问题', '整体问题'])
    faults.prune({ summary: { key: 'k' } })
    expect(faults.messages).toEqual({ summary: '过长' })
    faults.clear()
    expect(faults.error).toBe(null)
  })

  it('takes the places from the form as it is now, and a placement of the page’s own', () => {
    let lines = ['1.1']
    const { result: faults } = withSetup(() => useFaults(() => lines.map((code) => `lines[${code}]`)))
    lines = ['1.1', '1.2']
    expect(faults.placed).toEqual(['lines[1.1]', 'lines[1.2]'])
    faults.refuse(refusal, () => ({ 'bz-sjw.reason': '请填写退回理由' }))
    expect(faults.at('bz-sjw.reason')).toBe('请填写退回理由')
  })
})
