// The platform's input limits as the forms hint them (maxlength, patterns). The server is the
// authority: these mirror event-contracts' io.kaohe.contracts.InputLimits (docs/security/input-limits.md)
// so a value the form lets through is not refused for its shape.

/** Any code: system, node, item, section, cycle. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
export const CODE_MAX = 64
/** A code the roster creates (unit, department, category, list): lower case, as it also names Keycloak groups. */
export const ROSTER_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/
export const ROSTER_CODE_MAX = 40
export const NAME_MAX = 200
export const TITLE_MAX = 500
export const PARAGRAPH_MAX = 2000
export const TEXT_MAX = 4000
export const DOCUMENT_MAX = 20000
export const POINTS_MIN = 0
export const POINTS_MAX = 1000

/** Characters as the server counts them (code points: an emoji is one). */
export function charCount(text) {
  return text == null ? 0 : [...String(text)].length
}
