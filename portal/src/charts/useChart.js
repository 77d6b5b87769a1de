import { onBeforeUnmount, onMounted, watch } from 'vue'

/**
 * Draws {@code option()} into the element {@code el} once it is mounted (ECharts is loaded with
 * the first chart only), draws again when {@code source} changes (replacing the old option when
 * {@code replace}), follows the window's size and lets ECharts go when the component does.
 */
export function useChart(el, option, source, { replace = false } = {}) {
  let chart = null
  const resize = () => chart && chart.resize()
  onMounted(async () => {
    const { init } = await import('./echarts.js')
    if (!el.value) return
    chart = init(el.value)
    chart.setOption(option())
    window.addEventListener('resize', resize)
  })
  watch(source, () => chart && chart.setOption(option(), replace), { deep: true })
  onBeforeUnmount(() => {
    window.removeEventListener('resize', resize)
    if (chart) chart.dispose()
  })
  return { chart: () => chart }
}
