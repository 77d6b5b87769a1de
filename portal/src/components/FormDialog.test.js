import { describe, it, expect, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { ApiError } from '../api/http.js'
import { createPortalI18n } from '../i18n/index.js'
import { withSetup } from '../test/withSetup.js'
import { useFaults } from '../composables/faults.js'
import FormDialog from './FormDialog.vue'

const open = (props, slot = '<input data-test="name" aria-label="名称">') => mount(FormDialog, {
  props: { modelValue: true, title: '新增', submitLabel: '保存', submitTest: 'save', ...props },
  attrs: { 'data-test': 'the-dialog' },
  slots: { default: slot },
  global: { plugins: [createPortalI18n('zh-CN')] },
  attachTo: document.body,
})
const $ = (selector) => document.body.querySelector(selector)

afterEach(() => { document.body.innerHTML = '' })

describe('the form dialog', () => {
  it('says the refusal at the top, above the fields, listing what has no field of its own', async () => {
    const { result: faults } = withSetup(() => useFaults(['name']))
    faults.refuse(new ApiError(412, { detail: '编码已被占用', errors: [{ location: 'name', message: '重名' }, { location: 'code', message: '已占用' }] }))
    const dialog = open({ faults })
    await flushPromises()
    const problem = $('[data-test="the-dialog"] [data-test="problem"]')
    expect(problem.textContent).toContain('编码已被占用')
    expect(problem.textContent).toContain('已占用')
    expect(problem.textContent).not.toContain('重名')
    expect(problem.compareDocumentPosition($('[data-test="the-dialog"] form')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    dialog.unmount()
  })

  it('submits with its button and with the form, cancels with its own, and is busy while sending', async () => {
    const dialog = open({ busy: false })
    await flushPromises()
    $('[data-test="save"]').click()
    $('[data-test="the-dialog"] form').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(dialog.emitted('submit')).toHaveLength(2)
    await dialog.setProps({ busy: true })
    expect($('[data-test="save"]').classList.contains('is-loading')).toBe(true)
    $('[data-test="save"]').click()
    expect(dialog.emitted('submit')).toHaveLength(2) // not sent twice
    const cancel = [...document.body.querySelectorAll('[data-test="the-dialog"] button')].find((b) => b.textContent.trim() === '取消')
    cancel.click()
    expect(dialog.emitted('update:modelValue')).toEqual([[false]])
    dialog.unmount()
  })
})
