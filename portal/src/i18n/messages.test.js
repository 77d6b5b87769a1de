// @vitest-environment node
// Both languages say everything: the same keys in 简体中文 and English, no empty texts, and every
// key the pages ask for with a literal t('…') exists. A missing key would show as "inbox.title".
import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import zhCN from './zh-CN.js'
import en from './en.js'

function keysOf(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`])
}

function valueAt(messages, key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), messages)
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|js)$/.test(name) && !name.endsWith('.test.js') ? [path] : []
  })
}

const SRC = fileURLToPath(new URL('..', import.meta.url))

describe('the portal’s messages', () => {
  it('has the same keys in both languages', () => {
    const zh = keysOf(zhCN).sort()
    const english = keysOf(en).sort()
    expect(english.filter((k) => !zh.includes(k)), 'only in English').toEqual([])
    expect(zh.filter((k) => !english.includes(k)), 'only in 简体中文').toEqual([])
  })

  it('has no empty text', () => {
    for (const [name, messages] of [['zh-CN', zhCN], ['en', en]]) {
      const empty = keysOf(messages).filter((k) => String(valueAt(messages, k)).trim() === '')
      expect(empty, name).toEqual([])
    }
  })

  it('has every key a page asks for by name', () => {
    const asked = new Set()
    // t('a.b'), $t("a.b"), i18n.global.t(`a.b`) and label: 'a.b' entries of the menu
    const call = /(?:\$t|\bt)\(\s*['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(call)) asked.add(match[1])
    }
    for (const item of readFileSync(join(SRC, 'nav.js'), 'utf8').matchAll(/label: '([\w.]+)'/g)) asked.add(item[1])
    expect(asked.size).toBeGreaterThan(50)
    const missing = [...asked].filter((key) => valueAt(zhCN, key) === undefined)
    expect(missing).toEqual([])
  })
})
