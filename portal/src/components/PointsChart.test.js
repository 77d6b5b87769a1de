import { describe, it, expect, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'

// What the chart hands ECharts, caught at init (no canvas in jsdom).
const options = []
vi.mock('../charts/echarts.js', () => ({
  init: () => ({ setOption: (o) => options.push(o), resize() {}, dispose() {} }),
}))

describe('the grade distribution chart', () => {
  it('counts on whole-number ticks', async () => {
    const PointsChart = (await import('./PointsChart.vue')).default
    const wrapper = mount(PointsChart, { props: { labels: ['好', '较好', '一般', '较差'], values: [1, 0, 1, 0] } })
    await flushPromises()
    expect(options.length).toBe(1)
    expect(options[0].xAxis).toEqual({ type: 'value', minInterval: 1 })
    expect(options[0].series[0].data).toEqual([1, 0, 1, 0])
    wrapper.unmount()
  })
})
