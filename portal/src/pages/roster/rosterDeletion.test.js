import { describe, it, expect, vi, beforeEach } from 'vitest'
import { ref } from 'vue'

const confirm = vi.fn()
const success = vi.fn()
vi.mock('element-plus', () => ({ ElMessageBox: { confirm: (...a) => confirm(...a) }, ElMessage: { success: (...a) => success(...a) } }))
const { deleteConfirmed } = await import('./rosterDeletion.js')

const t = (key, args) => (args ? `${key}:${args.code}` : key)
const entry = { code: 'bz-sjw', name: '市纪委' }

describe('deleting from the roster', () => {
  beforeEach(() => { confirm.mockReset(); success.mockReset() })

  it('deletes once confirmed, says so and reloads', async () => {
    confirm.mockResolvedValue('confirm')
    const error = ref(new Error('earlier'))
    const steps = []
    await deleteConfirmed(t, entry, error, async () => steps.push('remove'), async () => steps.push('reload'))
    expect(confirm.mock.calls[0][0]).toBe('rosterAdmin.deleteConfirm:bz-sjw')
    expect(steps).toEqual(['remove', 'reload'])
    expect(success).toHaveBeenCalledWith('rosterAdmin.deleted:bz-sjw')
    expect(error.value).toBeNull()
  })

  it('does nothing when the office cancels, and keeps a refusal for the page', async () => {
    confirm.mockRejectedValue('cancel')
    const remove = vi.fn()
    await deleteConfirmed(t, entry, ref(null), remove, vi.fn())
    expect(remove).not.toHaveBeenCalled()
    confirm.mockResolvedValue('confirm')
    const inUse = Object.assign(new Error('in use'), { status: 409 })
    const error = ref(null)
    const reload = vi.fn()
    await deleteConfirmed(t, entry, error, () => Promise.reject(inUse), reload)
    expect(error.value).toBe(inUse)
    expect(reload).not.toHaveBeenCalled()
    expect(success).not.toHaveBeenCalled()
  })
})
