import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GapKind } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import type { GapCounts } from './gap-tally.js'
import { FROZEN_BG, GAP_COLOURS, GAP_INK, READ_ONLY_BG } from './gap-colours.js'

interface GapSummaryProps {
  counts: GapCounts
  /** The gap kind the board is filtered to, if any. */
  active?: GapKind
  onFilter: (kind: GapKind | undefined) => void
}

/**
 * The legend of cell colours, with the live count of gaps of each kind; each count is a filter
 * button that shows only the SKUs (or resources) with that gap, pressed again to show all.
 */
export function GapSummary({ counts, active, onFilter }: GapSummaryProps) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  const [meaningShown, setMeaningShown] = useState(false)
  return (
    <div className="gap-summary" aria-label={t('gap.legend')} role="group">
      {GAP_KINDS.map((kind) => (
        <button
          type="button"
          key={kind}
          className={`gap-badge${active === kind ? ' active' : ''}`}
          data-testid={`gap-count-${kind}`}
          data-count={counts[kind]}
          aria-pressed={active === kind}
          title={t('gap.filter')}
          style={{ background: GAP_COLOURS[kind], color: GAP_INK[kind] }}
          onClick={() => onFilter(active === kind ? undefined : kind)}
        >
          {t('gap.count', {
            kind: t(`gap.${kind}`),
            count: number.format(counts[kind]) as unknown as number,
          })}
        </button>
      ))}
      <span
        className="legend-swatch gap-meaning"
        data-testid="gap-meaning"
        aria-label={t('gap.meaning')}
        aria-describedby={meaningShown ? 'gap-meaning-text' : undefined}
        tabIndex={0}
        onMouseEnter={() => setMeaningShown(true)}
        onMouseLeave={() => setMeaningShown(false)}
        onFocus={() => setMeaningShown(true)}
        onBlur={() => setMeaningShown(false)}
        onKeyDown={(event) => event.key === 'Escape' && setMeaningShown(false)}
      >
        ⓘ
        {meaningShown && (
          <span
            role="tooltip"
            id="gap-meaning-text"
            className="gap-meaning-text"
            data-testid="gap-meaning-text"
          >
            {t('gap.meaning')}
          </span>
        )}
      </span>
      <span className="legend-swatch" style={{ background: READ_ONLY_BG }}>
        {t('gap.readOnly')}
      </span>
      <span className="legend-swatch" style={{ background: FROZEN_BG }}>
        {t('gap.frozen')}
      </span>
    </div>
  )
}
