import { describe, it, expect, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { createRouter, createMemoryHistory } from 'vue-router'
import { withSetup } from '../test/withSetup.js'
import { useScoringCycle } from './useScoringCycle.js'

let answer
vi.mock('../api/scoring.js', () => ({
  scoringCycles: vi.fn(() => new Promise((resolve) => { answer = resolve })),
}))

const flush = async () => { for (let i = 0; i < 5; i++) await nextTick(); await new Promise((resolve) => setTimeout(resolve, 0)) }

async function page(address) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/results', component: { render: () => null } }] })
  await router.push(address)
  const loads = []
  const { result } = withSetup(() => useScoringCycle(() => loads.push(router.currentRoute.value.query.cycle), ref(null)),
    { plugins: [router] })
  return { ...result, router, loads }
}

describe('useScoringCycle', () => {
  it('shows the newest cycle (scoring answers it first) when the address names none', async () => {
    const { cycleId, router } = await page('/results')
    answer([{ cycleId: 'c-2026' }, { cycleId: 'c-2025' }])
    await flush()
    expect(cycleId.value).toBe('c-2026')
    expect(router.currentRoute.value.query.cycle).toBe('c-2026')
  })

  it('follows an address that names another cycle while the list is loading, not the newest', async () => {
    const { cycleId, router } = await page('/results')
    await router.replace('/results?cycle=c-2025')
    await flush()
    answer([{ cycleId: 'c-2026' }, { cycleId: 'c-2025' }])
    await flush()
    expect(cycleId.value).toBe('c-2025')
    expect(router.currentRoute.value.query.cycle).toBe('c-2025')
  })

  it('follows the address once the page shows a cycle', async () => {
    const { cycleId, router } = await page('/results?cycle=c-2026')
    answer([{ cycleId: 'c-2026' }, { cycleId: 'c-2025' }])
    await flush()
    await router.push('/results?cycle=c-2025')
    await flush()
    expect(cycleId.value).toBe('c-2025')
  })
})
