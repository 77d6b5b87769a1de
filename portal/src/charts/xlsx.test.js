// @vitest-environment node
import { describe, it, expect } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { column, xlsxBytes } from './xlsx.js'

describe('a chart’s data as .xlsx', () => {
  it('is a workbook whose one sheet holds the header and rows, numbers as numbers', () => {
    const files = unzipSync(xlsxBytes('得分分布: 党群/部门', ['区间', '党群部门'], [['90–100', 2], ['<60', 1], ['A&B', null]]))
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="得分分布  党群 部门"')
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    expect(sheet).toContain('<c r="B1" t="inlineStr"><is><t xml:space="preserve">党群部门</t></is></c>')
    expect(sheet).toContain('<c r="B2"><v>2</v></c>')
    expect(sheet).toContain('<t xml:space="preserve">&lt;60</t>')
    expect(sheet).toContain('<t xml:space="preserve">A&amp;B</t>')
    expect(sheet).not.toContain('r="B4"')
    expect(sheet.match(/<row /g)).toHaveLength(4)
  })

  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(column)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})
