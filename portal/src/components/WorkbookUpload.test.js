import { describe, it, expect } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { ApiError } from '../api/http.js'
import { createPortalI18n } from '../i18n/index.js'
import WorkbookUpload from './WorkbookUpload.vue'

const card = (props = {}, slots = {}) => mount(WorkbookUpload, {
  props: { label: '选择名册工作簿（.xlsx）', test: 'roster', ...props },
  slots,
  global: { plugins: [createPortalI18n('zh-CN')] },
})

/** Picks a file in the card's input, as a browser would. */
async function pick(wrapper, name) {
  const input = wrapper.get('[data-test="roster-file"]')
  const file = new File(['x'], name)
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  return file
}

describe('the workbook upload card', () => {
  it('hands on an .xlsx and refuses any other file before it is sent, in words', async () => {
    const wrapper = card()
    expect(wrapper.get('[data-test="roster-file"]').attributes('aria-label')).toBe('选择名册工作簿（.xlsx）')
    await pick(wrapper, '名册.xls')
    expect(wrapper.emitted('choose')).toEqual([[null]])
    expect(wrapper.get('[data-test="roster-not-xlsx"]').text()).toContain('只能导入Excel工作簿（.xlsx）')
    const file = await pick(wrapper, '名册.XLSX')
    expect(wrapper.emitted('choose')[1][0]).toBe(file)
    expect(wrapper.find('[data-test="roster-not-xlsx"]').exists()).toBe(false)
  })

  it('shows the upload in percent, then that the service checks it, or the step the page names', async () => {
    const wrapper = card()
    expect(wrapper.find('[data-test="roster-progress"]').exists()).toBe(false)
    await wrapper.setProps({ busy: true, progress: 42 })
    expect(wrapper.get('[data-test="roster-progress"]').text()).toContain('42%')
    expect(wrapper.get('[data-test="roster-file"]').attributes('disabled')).toBeDefined()
    await wrapper.setProps({ progress: 100 })
    expect(wrapper.get('[data-test="roster-progress"]').text()).toContain('校验中…')
    await wrapper.setProps({ status: '应用中…' })
    expect(wrapper.get('[data-test="roster-progress"]').text()).toContain('应用中…')
    await wrapper.setProps({ busy: false })
    expect(wrapper.find('[data-test="roster-progress"]').exists()).toBe(false)
  })

  it('is disabled when the page says so, holds the import\'s other fields, and says the service\'s refusal', async () => {
    const wrapper = card({ disabled: true, error: new ApiError(400, { detail: '工作簿有 1 处问题' }) },
      { default: '<input data-test="year">' })
    await flushPromises()
    expect(wrapper.get('[data-test="roster-file"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('.upload-card [data-test="year"]').exists()).toBe(true)
    expect(wrapper.get('[data-test="problem"]').text()).toContain('工作簿有 1 处问题')
  })

  it('clears the chosen file and a refusal of a wrong one', async () => {
    const wrapper = card()
    await pick(wrapper, 'notes.txt')
    expect(wrapper.find('[data-test="roster-not-xlsx"]').exists()).toBe(true)
    wrapper.vm.clear()
    await flushPromises()
    expect(wrapper.find('[data-test="roster-not-xlsx"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="roster-file"]').element.value).toBe('')
  })
})
