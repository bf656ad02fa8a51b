import { useTranslation } from 'react-i18next'
import type { PlanMeta, TimeGrain } from '@tandem/shared'
import { TIME_GRAINS } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { LABEL_COLUMN_IDS } from '../plan-view/board-view.js'
import type { SkuSort } from '../plan-view/sku-sort.js'
import type { ViewState } from '../plan-view/view-state.js'
import { MAX_FROZEN_COLUMNS } from '../plan-view/view-state.js'

interface ViewControlsProps {
  state: ViewState
  meta: PlanMeta
  format: Formatters
  onGrain: (grain: TimeGrain) => void
  onFrozenColumns: (count: number) => void
  onClearSort: () => void
}

/** The time grain, how many columns stay in place, and the sort (with a way back to plan order). */
export function ViewControls({ state, meta, format, ...props }: ViewControlsProps) {
  const { t } = useTranslation()
  const grains = TIME_GRAINS.filter((grain) => meta.periodKind === 'week' || grain !== 'week')
  const frozenChoices = Array.from({ length: MAX_FROZEN_COLUMNS }, (_, i) => i + 1)
  return (
    <>
      <label className="toggle">
        {t('view.grain')}
        <select
          data-testid="grain-select"
          value={state.grain}
          onChange={(event) => props.onGrain(event.target.value as TimeGrain)}
        >
          {grains.map((grain) => (
            <option key={grain} value={grain}>
              {t(`view.grains.${grain}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="toggle" title={t('view.frozenColumnsHint')}>
        {t('view.frozenColumns')}
        <select
          data-testid="frozen-columns"
          value={state.frozenColumns}
          onChange={(event) => props.onFrozenColumns(Number(event.target.value))}
        >
          {frozenChoices.map((count) => (
            <option key={count} value={count}>
              {count <= LABEL_COLUMN_IDS.length
                ? t('view.throughColumn', { column: t(`column.${LABEL_COLUMN_IDS[count - 1]}`) })
                : t('view.periodsToo', { count: count - LABEL_COLUMN_IDS.length })}
            </option>
          ))}
        </select>
      </label>
      {state.sort && (
        <span className="pill sort-chip" data-testid="sort-chip">
          {sortText(t, meta, format, state.sort)}
          <button
            type="button"
            className="link-button"
            data-testid="sort-clear"
            onClick={props.onClearSort}
          >
            {t('sort.clear')}
          </button>
        </span>
      )}
    </>
  )
}

function sortText(
  t: ReturnType<typeof useTranslation>['t'],
  meta: PlanMeta,
  format: Formatters,
  sort: SkuSort,
): string {
  const direction = t(`sort.${sort.direction}`)
  if (sort.by !== 'period') return t('sort.by', { what: t(`sort.${sort.by}`), direction })
  const what = t('sort.periodValue', {
    measure: t(`measure.${sort.measure}`),
    period: format.period(meta.periodKind, meta.firstPeriod, sort.period),
  })
  return t('sort.by', { what, direction })
}
