// The journeys' one-time codes are the ones an authenticator app shows (RFC 6238, SHA-1 rows).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { secretOf, totp } from './otp.mjs'

test('computes the RFC 6238 test vectors for the key "12345678901234567890"', () => {
  const key = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  assert.equal(totp(key, Math.floor(59 / 30)), '287082')
  assert.equal(totp(key, Math.floor(1111111109 / 30)), '081804')
  assert.equal(totp(key, Math.floor(1234567890 / 30)), '005924')
  assert.equal(totp(key, Math.floor(2000000000 / 30)), '279037')
})

test('the office, the leader and the administrators have an authenticator; a reporter has none', () => {
  for (const user of ['office', 'leader', 'sysadmin', 'secadmin', 'auditor']) {
    assert.match(secretOf(user), /^[A-Z2-7]{32}$/, user)
  }
  assert.equal(secretOf('reporter.sjw'), undefined)
})
