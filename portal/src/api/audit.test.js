import { describe, it, expect } from 'vitest'
import { auditExportUrl, auditQuery } from './audit.js'

describe('audit-service', () => {
  it('asks only for the filters filled in, trimmed and encoded', () => {
    expect(auditQuery({ user: ' office ', unit: '', outcome: 'REFUSED', text: '50% 扣分', role: null }, 2, 50))
      .toBe('?user=office&outcome=REFUSED&text=50%25+%E6%89%A3%E5%88%86&page=2&size=50')
    expect(auditQuery({})).toBe('')
  })

  it('exports the same search without paging', () => {
    expect(auditExportUrl({ from: '2026-03-01', to: '2026-03-31', action: 'export' }))
      .toBe('/api/audit/records.xlsx?from=2026-03-01&to=2026-03-31&action=export')
  })
})
