import { onMounted, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { scoringCycles } from '../api/scoring.js'

/**
 * The cycle a scoring page shows, kept in the address (?cycle=): the one the address names (also when
 * the address changes on the page), else the newest (scoring lists cycles in the order it learned of them). `load` runs whenever it changes;
 * a failure to list the cycles lands in `error` (the page's useLoad error).
 */
export function useScoringCycle(load, error) {
  const route = useRoute()
  const router = useRouter()
  const cycles = ref([])
  const cycleId = ref(typeof route.query.cycle === 'string' ? route.query.cycle : '')

  watch(cycleId, (id) => {
    router.replace({ query: { ...route.query, cycle: id } })
    load()
  })
  // An address naming another cycle (a link, an edit, a goto while the list loads) is followed, never
  // overwritten by the newest cycle.
  watch(() => route.query.cycle, (id) => {
    if (typeof id === 'string' && id && id !== cycleId.value) cycleId.value = id
  })
  onMounted(async () => {
    const named = cycleId.value
    try {
      cycles.value = await scoringCycles()
      // scoring answers the newest first.
      if (!cycleId.value && cycles.value.length) cycleId.value = cycles.value[0].cycleId
    } catch (e) {
      error.value = e
    }
    if (named) load()
  })
  return { cycles, cycleId }
}
