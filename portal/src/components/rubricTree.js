// Pure helpers of the rubric tree view, kept apart from the components so they are tested alone.

/** Points as the rubric wrote them ("35", "0.5"); BigDecimal JSON may come as 35.00. */
export function formatPoints(points) {
  if (points === null || points === undefined || points === '') {
    return ''
  }
  const n = Number(points)
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : String(points)
}

/** Hundredths of a point as an integer, so sums are exact. */
const cents = (points) => Math.round(Number(points) * 100)

/**
 * The sum of a node's children when it differs from the node's points (null when they agree, or
 * when per-category variants make a plain sum meaningless).
 */
export function childrenMismatch(node) {
  const children = node.children || []
  if (!children.length || node.points == null || children.some((c) => c.points == null)) {
    return null
  }
  // Sibling variants for different categories each count for their own categories only.
  if (children.some((c) => (c.appliesTo || []).length)) {
    return null
  }
  const sum = children.reduce((s, c) => s + cents(c.points), 0)
  return sum === cents(node.points) ? null : formatPoints(sum / 100)
}

/** The source's "适用于…" wording for a node's categories, when the rubric keeps one. */
export function applicabilityWording(appliesTo, wordings) {
  if (!appliesTo || !appliesTo.length) {
    return null
  }
  const wanted = [...appliesTo].sort().join('|')
  for (const [wording, categories] of Object.entries(wordings || {})) {
    if ([...(categories || [])].sort().join('|') === wanted) {
      return wording
    }
  }
  return null
}

export function appliesToCategory(node, category) {
  return !category || !(node.appliesTo || []).length || node.appliesTo.includes(category)
}

/** The node code a problem's location names: "1.2.1 严格执行组织生活制度" → "1.2.1". */
export function nodeCodeOf(location) {
  return (location || '').split(' ', 1)[0]
}

/** Problems grouped by the node they are at; the rest (header fields) under '' . */
export function errorsByNode(errors, roots) {
  const codes = new Set()
  const walk = (nodes) => nodes.forEach((n) => { codes.add(n.code); walk(n.children || []) })
  walk(roots || [])
  const byNode = {}
  for (const e of errors || []) {
    const code = nodeCodeOf(e.location)
    const key = codes.has(code) ? code : ''
    ;(byNode[key] = byNode[key] || []).push(e)
  }
  return byNode
}

/** Codes of every node with children, and of the ancestors of the given codes. */
export function branchCodes(roots) {
  const out = []
  const walk = (nodes) => nodes.forEach((n) => {
    if ((n.children || []).length) {
      out.push(n.code)
      walk(n.children)
    }
  })
  walk(roots || [])
  return out
}

export function ancestorsOf(codes, roots) {
  const wanted = new Set(codes)
  const found = new Set()
  const walk = (nodes, path) => {
    for (const n of nodes) {
      if (wanted.has(n.code)) path.forEach((p) => found.add(p))
      walk(n.children || [], [...path, n.code])
    }
  }
  walk(roots || [], [])
  return [...found]
}
