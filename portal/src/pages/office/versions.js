// What the rubric-service's /api/rubric/versions endpoints take and give.

/** Per-unit targets (seed 001) have sections and units; anything else is sent as an indicator system. */
export function uploadPathFor(content) {
  const targets = content && typeof content === 'object' && Array.isArray(content.sections) && Array.isArray(content.units)
  return targets ? '/api/rubric/versions/targets' : '/api/rubric/versions'
}

/** Reads an uploaded file as JSON; throws a SyntaxError with the parser's message. */
export async function readJsonFile(file) {
  const text = typeof file.text === 'function' ? await file.text() : await new Response(file).text()
  return JSON.parse(text.replace(/^\uFEFF/, ''))
}

export const HEADER_FIELDS = ['code', 'year', 'title', 'roots', 'categories', 'sections', 'units', 'assessingDepartment']
