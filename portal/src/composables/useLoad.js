import { ref } from 'vue'

/**
 * A page's reading: {@code load(...)} runs {@code read(...)} with {@code loading} on, and keeps
 * what it threw in {@code error} (for <ProblemAlert>) instead of letting it escape.
 */
export function useLoad(read) {
  const loading = ref(false)
  const error = ref(null)
  async function load(...args) {
    loading.value = true
    error.value = null
    try {
      return await read(...args)
    } catch (e) {
      error.value = e
      return undefined
    } finally {
      loading.value = false
    }
  }
  return { loading, error, load }
}
