import type { GridColumn } from '@glideapps/glide-data-grid'
import type { TFunction } from 'i18next'
import type { PlanMeta } from '@tandem/shared'
import { isFrozenPeriod } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { FROZEN_BG } from './gap-colours.js'

const FROZEN_HEADER = { bgHeader: FROZEN_BG }

/**
 * Four frozen label columns, then one column per period labelled in the reader's locale. With
 * `periodMenu`, period headers carry a menu button (a planner's "freeze through here").
 */
export function boardColumns(
  meta: PlanMeta,
  format: Formatters,
  t: TFunction,
  periodMenu = false,
): GridColumn[] {
  const columns: GridColumn[] = [
    { id: 'family', title: t('column.family'), width: 140, group: '' },
    { id: 'sku', title: t('column.sku'), width: 104, group: '' },
    { id: 'name', title: t('column.name'), width: 210, group: '' },
    { id: 'measure', title: t('column.measure'), width: 150, group: '' },
  ]
  for (let p = 0; p < meta.periodCount; p++) {
    const label = format.period(meta.periodKind, meta.firstPeriod, p)
    const frozen = isFrozenPeriod(meta, p)
    columns.push({
      id: `p${p}`,
      title: frozen ? t('column.frozen', { label }) : label,
      width: meta.periodKind === 'week' ? 116 : 96,
      group: format.periodGroup(meta.periodKind, meta.firstPeriod, p),
      themeOverride: frozen ? FROZEN_HEADER : undefined,
      hasMenu: periodMenu,
    })
  }
  return columns
}
