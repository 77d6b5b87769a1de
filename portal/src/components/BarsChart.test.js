import { describe, it, expect, vi } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'

const options = []
vi.mock('../charts/echarts.js', () => ({
  init: () => ({ setOption: (o) => options.push(o), resize() {}, dispose() {} }),
}))

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
