// @vitest-environment node
// Every URL of the platform's APIs lives in src/api/ (a module per backend, its functions named in
// the domain's words): no page or component writes one itself.
import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = fileURLToPath(new URL('..', import.meta.url))

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.(vue|js)$/.test(name) ? [path] : []
  })
}

// "/api/…" that starts a path of its own: not "../../api/http.js", an import of these modules.
const URL_IN_TEXT = /(?<![.\w-])\/api\//

describe('the API modules', () => {
  it('hold every URL: no page or component has one', () => {
    const found = []
    for (const dir of ['pages', 'components', 'layout', 'composables']) {
      for (const file of files(join(SRC, dir))) {
        readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
          if (URL_IN_TEXT.test(line)) found.push(`${relative(SRC, file)}:${i + 1}: ${line.trim()}`)
        })
      }
    }
    expect(found).toEqual([])
  })

  it('would notice one', () => {
    expect(URL_IN_TEXT.test("get(`/api/workflow/tasks/${id}`)")).toBe(true)
    expect(URL_IN_TEXT.test(':href="\'/api/evidence/files/\' + id"')).toBe(true)
    expect(URL_IN_TEXT.test("import { get } from '../../api/http.js'")).toBe(false)
  })
})
