import { useTranslation } from 'react-i18next'
import type { SkuMeasure } from '../plan-view/board-row.js'
import { SKU_MEASURES } from '../plan-view/board-row.js'

/**
 * One toggle each; safety and maximum stock share one, "Stock limits", and transfers in and out
 * one, "Transfers", to keep the bar short.
 */
const ROW_TOGGLES = SKU_MEASURES.filter(
  (m) => m !== 'safetyStock' && m !== 'maxStock' && m !== 'transferIn' && m !== 'transferOut',
)
import type { GapCounts } from './gap-tally.js'
import { GapSummary } from './gap-summary.js'
import type { RowOptions } from '../plan-view/row-options.js'

interface BoardToolbarProps {
  options: RowOptions
  onOptions: (options: RowOptions) => void
  counts: GapCounts
  canUndo: boolean
  canRedo: boolean
  onUndo: () => void
  onRedo: () => void
  chartOpen: boolean
  onToggleChart: () => void
  /** More buttons, placed before undo and redo (comments, notifications, flags). */
  children?: React.ReactNode
  /** The time grain, fixed columns and sort, after the row filter. */
  viewControls?: React.ReactNode
}

/** Row toggles, the gaps-only filter, gap counts and legend, undo/redo and the chart switch. */
export function BoardToolbar(props: BoardToolbarProps) {
  const { options, onOptions, counts } = props
  const { t } = useTranslation()
  const toggle = (...toggled: SkuMeasure[]) => {
    const shown = options.measures.includes(toggled[0])
    const measures = shown
      ? options.measures.filter((m) => !toggled.includes(m))
      : [...options.measures, ...toggled.filter((m) => !options.measures.includes(m))]
    if (measures.length > 0) onOptions({ ...options, measures })
  }
  return (
    <div className="toolbar">
      <fieldset className="row-toggles">
        <legend>{t('board.rows')}</legend>
        {ROW_TOGGLES.map((measure) => (
          <label key={measure} className="toggle">
            <input
              type="checkbox"
              data-testid={`rows-${measure}`}
              checked={options.measures.includes(measure)}
              onChange={() => toggle(measure)}
            />
            {t(`measure.${measure}`)}
          </label>
        ))}
        <label className="toggle" title={t('board.transfersHint')}>
          <input
            type="checkbox"
            data-testid="rows-transfers"
            checked={options.measures.includes('transferIn')}
            onChange={() => toggle('transferIn', 'transferOut')}
          />
          {t('board.transfers')}
        </label>
        <label className="toggle" title={t('board.stockLimitsHint')}>
          <input
            type="checkbox"
            data-testid="rows-stockLimits"
            checked={options.measures.includes('safetyStock')}
            onChange={() => toggle('safetyStock', 'maxStock')}
          />
          {t('board.stockLimits')}
        </label>
      </fieldset>
      <label className="toggle gaps-only">
        <input
          type="checkbox"
          data-testid="gaps-only"
          checked={options.gapsOnly}
          onChange={(event) => onOptions({ ...options, gapsOnly: event.target.checked })}
        />
        {t('board.gapsOnly')}
      </label>
      {props.viewControls}
      <GapSummary
        counts={counts}
        active={options.gapKind}
        onFilter={(gapKind) => onOptions({ ...options, gapKind })}
      />
      <span className="spacer" />
      {props.children}
      <button type="button" className="button" disabled={!props.canUndo} onClick={props.onUndo}>
        {t('board.undo')}
      </button>
      <button type="button" className="button" disabled={!props.canRedo} onClick={props.onRedo}>
        {t('board.redo')}
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={props.chartOpen}
        onClick={props.onToggleChart}
      >
        {props.chartOpen ? t('board.hideChart') : t('board.chart')}
      </button>
    </div>
  )
}
