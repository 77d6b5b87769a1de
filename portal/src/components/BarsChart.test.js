import { describe, it, expect, vi, beforeEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'

// What the chart hands ECharts, caught at init (no canvas in jsdom).
const options = []
vi.mock('../charts/echarts.js', () => ({
  init: () => ({ setOption: (o) => options.push(o), resize() {}, dispose() {} }),
}))
beforeEach(() => { options.length = 0 })

describe('the points bars', () => {
  it('stacks achieved and lost points per indicator, with a legend', async () => {
    const BarsChart = (await import('./BarsChart.vue')).default
    const wrapper = mount(BarsChart, { props: {
      labels: ['1 职能职责', '2 作风建设'],
      series: [{ name: '得分', values: [5.5, 3], color: '#b91c1c' }, { name: '失分', values: [0.5, 1] }],
    } })
    await flushPromises()
    const o = options[0]
    expect(o.yAxis.data).toEqual(['1 职能职责', '2 作风建设'])
    expect(o.series.map((s) => [s.name, s.stack, s.data])).toEqual([['得分', 'points', [5.5, 3]], ['失分', 'points', [0.5, 1]]])
    expect(o.series[0].itemStyle.color).toBe('#b91c1c')
    expect(o.legend).toBeTruthy()
    wrapper.unmount()
  })
})

describe('the grade distribution chart', () => {
  it('counts on whole-number ticks', async () => {
    const BarsChart = (await import('./BarsChart.vue')).default
    const wrapper = mount(BarsChart, { props: { labels: ['好', '较好', '一般', '较差'], series: [{ values: [1, 0, 1, 0] }], wholeTicks: true } })
    await flushPromises()
    expect(options.length).toBe(1)
    expect(options[0].xAxis).toEqual({ type: 'value', minInterval: 1 })
    expect(options[0].series[0].data).toEqual([1, 0, 1, 0])
    wrapper.unmount()
  })
})
