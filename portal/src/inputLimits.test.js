// @vitest-environment node
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as limits from './inputLimits.js'

// The hints must be the server's limits: read them from event-contracts' InputLimits.java.
const java = readFileSync(fileURLToPath(new URL('../../event-contracts/src/main/java/io/kaohe/contracts/InputLimits.java',
  import.meta.url)), 'utf8')
const constant = (name) => {
  const m = java.match(new RegExp(`static final (?:int|long|String) ${name} = ([^;]+);`))
  return m && m[1].trim()
}

describe('the portal’s input limits', () => {
  it('are the server’s', () => {
    for (const name of ['CODE_MAX', 'NAME_MAX', 'TITLE_MAX', 'PARAGRAPH_MAX', 'TEXT_MAX', 'DOCUMENT_MAX']) {
      expect(Number(constant(name).replace(/_/g, '')), name).toBe(limits[name])
    }
    expect(constant('CODE_PATTERN')).toBe(`"${limits.CODE_PATTERN.source.slice(1, -1)}"`)
    expect(constant('ROSTER_CODE_PATTERN')).toBe(`"${limits.ROSTER_CODE_PATTERN.source.slice(1, -1)}"`)
    expect(constant('POINTS_MAX')).toBe(`"${limits.POINTS_MAX}"`)
  })

  it('take the demo codes and refuse the probes', () => {
    for (const code of ['1.2.3.4', 'T.ly-yanshi.3', 'ly-luanchuan']) expect(limits.CODE_PATTERN.test(code), code).toBe(true)
    for (const code of ["a'; select pg_sleep(5);--", 'a b', '单位', 'a'.repeat(65)]) {
      expect(limits.CODE_PATTERN.test(code), code).toBe(false)
    }
    expect(limits.ROSTER_CODE_PATTERN.test('BAD-1')).toBe(false)
  })

  it('count characters as the server does', () => {
    expect(limits.charCount('😀'.repeat(3))).toBe(3)
    expect(limits.charCount(null)).toBe(0)
  })
})
