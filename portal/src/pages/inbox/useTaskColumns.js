import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { unitName } from '../../roster.js'
import { useFormats } from '../../i18n/formats.js'
import { taskName } from './tasks.js'

/**
 * The plain columns of a task list, by name ({@code name}, {@code cycle}, {@code unit},
 * {@code period}, {@code problem}, {@code due}, {@code created}), each {key, label, width | minWidth,
 * tooltip, value(row)}: a table writes them with one <el-table-column v-for>. {@code labels} names
 * a column in a page's own words ({unit: 'inspection.unit'}).
 */
export function useTaskColumns(names, labels = {}) {
  const { t, te, locale } = useI18n()
  const { date, minute } = useFormats()
  const columns = {
    name: { label: 'inbox.name', minWidth: 200, value: (row) => taskName(row.name, locale.value) },
    cycle: { label: 'inbox.cycle', minWidth: 130, tooltip: true, value: (row) => row.cycleId || '—' },
    unit: { label: 'inbox.unit', minWidth: 140, value: (row) => row.unitName || unitName(row.unitCode) || '—' },
    period: { label: 'inbox.period', width: 100, value: (row) => (row.period && te('inbox.periods.' + row.period) ? t('inbox.periods.' + row.period) : row.period || '—') },
    problem: { label: 'rectification.entry', width: 100, value: (row) => row.problemId || '—' },
    due: { label: 'inbox.due', width: 120, value: (row) => date(row.due) },
    created: { label: 'inspection.overdueSince', minWidth: 150, value: (row) => minute(row.created) },
  }
  return computed(() => names.map((key) => ({ key, ...columns[key], label: t(labels[key] || columns[key].label) })))
}
