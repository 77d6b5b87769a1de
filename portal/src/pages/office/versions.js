// A version uploaded as JSON (../../api/rubric.js's uploadVersion): the file read, the header fields it has.

/** Reads an uploaded file as JSON; throws a SyntaxError with the parser's message. */
export async function readJsonFile(file) {
  const text = typeof file.text === 'function' ? await file.text() : await new Response(file).text()
  return JSON.parse(text.replace(/^\uFEFF/, ''))
}

export const HEADER_FIELDS = ['code', 'year', 'title', 'roots', 'categories', 'sections', 'units', 'assessingDepartment']
