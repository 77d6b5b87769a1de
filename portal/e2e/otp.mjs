// One-time codes (RFC 6238 TOTP: HMAC-SHA1, six digits, 30-second steps) for the demo users whose
// roles need a second factor: office, leader and the three administrators. Their base32 secrets are
// in the realm file (and the README's demo accounts), as an authenticator app holds them.
import { createHmac } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REALM_FILE = process.env.PORTAL_REALM_FILE
  || fileURLToPath(new URL('../../deploy/keycloak/kaohe-realm.json', import.meta.url))
// Keycloak takes each code once: the journeys (one node process per file) and the Java tests of
// the same platform (test-support's OneTimeCodes, given the same KAOHE_OTP_SPENT_DIR) claim a step
// by creating its file, which only one process can do.
const SPENT_DIR = process.env.KAOHE_OTP_SPENT_DIR
  || fileURLToPath(new URL('../target/e2e-otp-spent/', import.meta.url))
const STEP = 30

let secrets

/** The user's base32 secret, or undefined when the user logs in with the password alone. */
export function secretOf(user) {
  if (!secrets) {
    secrets = {}
    for (const u of JSON.parse(readFileSync(REALM_FILE, 'utf8')).users || []) {
      const otp = (u.credentials || []).find((c) => c.type === 'otp')
      if (otp) secrets[u.username] = JSON.parse(otp.secretData).value
    }
  }
  return secrets[user]
}

/** The code of one time step for a base32 secret. */
export function totp(secret, step) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const hash = createHmac('sha1', base32(secret)).update(counter).digest()
  const offset = hash[hash.length - 1] & 0x0f
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/**
 * A code nobody in this run used yet: Keycloak accepts the previous, the current and the next step's
 * code, each once; when all three are spent this waits for the next step.
 */
export async function nextCode(user) {
  const secret = secretOf(user)
  if (!secret) throw new Error(`${user} has no authenticator in the realm file`)
  for (;;) {
    const now = Date.now() / 1000
    const step = Math.floor(now / STEP)
    const candidates = now - step * STEP < 20 ? [step, step + 1, step - 1] : [step, step + 1]
    const free = candidates.find((s) => claim(user, s))
    if (free !== undefined) return totp(secret, free)
    await new Promise((resolve) => setTimeout(resolve, ((step + 1) * STEP + 1) * 1000 - Date.now()))
  }
}

/**
 * Runs {@code login} while no other process logs the same user in (the journeys, the prepared years and the Java
 * tests share the lock files in the same folder as the codes). With brute-force protection on, Keycloak refuses a
 * login while another of the same user is under way, counts it as a failure, and two failures within a second
 * disable the account for a minute — which a full test run met (the office, in two journeys at once).
 * A lock older than LOGIN_LOCK_STALE_MS is left by a process that died: taken over.
 */
export async function oneLoginAtATime(user, login) {
  mkdirSync(SPENT_DIR, { recursive: true })
  const lock = join(SPENT_DIR, `${user}.login-lock`)
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'))
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOGIN_LOCK_STALE_MS) unlinkSync(lock)
      } catch (gone) {
        if (gone.code !== 'ENOENT') throw gone
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  try {
    return await login()
  } finally {
    try {
      unlinkSync(lock)
    } catch (error) {
      if (error.code !== 'ENOENT') throw error
    }
  }
}

const LOGIN_LOCK_STALE_MS = 180_000

/** True for the one process that first claims the user's step. */
function claim(user, step) {
  mkdirSync(SPENT_DIR, { recursive: true })
  try {
    closeSync(openSync(join(SPENT_DIR, `${user}-${step}`), 'wx'))
    return true
  } catch (error) {
    if (error.code === 'EEXIST') return false
    throw error
  }
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bytes = []
  let buffer = 0
  let bits = 0
  for (const c of text.replace(/[=\s]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c)
    if (value < 0) throw new Error(`not base32: ${c}`)
    buffer = ((buffer << 5) | value) & 0xffff
    bits += 5
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(bytes)
}
