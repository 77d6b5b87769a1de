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
