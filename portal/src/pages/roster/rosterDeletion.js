import { ElMessage, ElMessageBox } from 'element-plus'

// Deleting from the roster (a unit, assessing department, unit category or unit list), as the office does it.

/**
 * Once the office confirms (the question names the entry's code and name): {@code remove()}, a word that it is gone,
 * then {@code reload()}. The service's refusal (409: still in use) is left in {@code error} for the page's alert;
 * nothing happens when the office cancels.
 */
export async function deleteConfirmed(t, entry, error, remove, reload) {
  try {
    await ElMessageBox.confirm(t('rosterAdmin.deleteConfirm', entry), t('rosterAdmin.delete'), {
      type: 'warning', confirmButtonText: t('rosterAdmin.delete'), cancelButtonText: t('common.cancel'),
    })
  } catch {
    return
  }
  error.value = null
  try {
    await remove()
    ElMessage.success(t('rosterAdmin.deleted', entry))
    await reload()
  } catch (e) {
    error.value = e
  }
}
