import { computed, ref } from 'vue'

/** Upload progress in whole percent. */
export const percent = (loaded, total) => (total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0)

/** Only .xlsx workbooks are read; an old .xls or anything else is refused before it is sent. */
export const isWorkbook = (file) => !!file && /\.xlsx$/i.test(file.name || '')

/**
 * A workbook import's requests, for <WorkbookUpload>: which one is under way ({@code busy}: 'preview', 'commit' …,
 * '' when none), how far its upload went in percent, the service's refusal, and the faulty rows a refused
 * workbook carries ({@code refused(error)} → rows for the page's table), whose faults the table shows at their
 * rows ({@code placed}) instead of listing them again.
 */
export function useWorkbookUpload(refused = () => []) {
  const busy = ref('')
  const progress = ref(0)
  const error = ref(null)
  const faultRows = ref([])
  const placed = computed(() => (faultRows.value.length && error.value && error.value.errors
    ? error.value.errors.map((e) => e.location) : []))

  /** Runs {@code call(onProgress)} as the request {@code what}: its answer, or null once refused (said in error). */
  async function send(what, call) {
    busy.value = what
    progress.value = 0
    error.value = null
    faultRows.value = []
    try {
      return await call((loaded, total) => { progress.value = percent(loaded, total) })
    } catch (e) {
      error.value = e
      faultRows.value = refused(e)
      return null
    } finally {
      busy.value = ''
    }
  }

  return { busy, progress, error, faultRows, placed, send }
}

/** The rows a refused commit carries (problem property `rows`), as the service answers them. */
export const refusedResults = (error) => (error && error.problem && Array.isArray(error.problem.rows) ? error.problem.rows : [])

/**
 * A workbook imported in two steps, previewed then committed (扣分清单, 往年汇总表), for <WorkbookUpload ref="card">
 * and <ImportRowsTable>: the file chosen, the preview's answer ({@code outcome}), the committed one, and the rows
 * for the table — the preview's, or a refused commit's faulty ones — each through the page's {@code toRows(results)}.
 * {@code preview(call)} and {@code commit(call)} send as {@link useWorkbookUpload} does; a commit done forgets the
 * file and the preview, and answers what was committed (null once refused).
 */
export function useWorkbookImport(toRows) {
  const upload = useWorkbookUpload((error) => toRows(refusedResults(error)))
  const { error, faultRows, send } = upload
  const card = ref(null)
  const file = ref(null)
  const outcome = ref(null)
  const committed = ref(null)
  const rows = computed(() => (outcome.value ? toRows(outcome.value.results) : faultRows.value))

  function reset() {
    outcome.value = null
    committed.value = null
    faultRows.value = []
    error.value = null
  }

  function choose(chosen) {
    reset()
    file.value = chosen
  }

  async function preview(call) {
    committed.value = null
    outcome.value = await send('preview', call)
  }

  async function commit(call) {
    const done = await send('commit', call)
    if (done) {
      committed.value = done
      outcome.value = null
      file.value = null
      if (card.value) card.value.clear()
    }
    return done
  }

  return { ...upload, card, file, outcome, committed, rows, reset, choose, preview, commit }
}
