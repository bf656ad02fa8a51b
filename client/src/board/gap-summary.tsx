import { useTranslation } from 'react-i18next'
import { GAP_KINDS } from '@tandem/shared'
import type { GapCounts } from './gap-tally.js'
import { FROZEN_BG, GAP_COLOURS, GAP_INK, READ_ONLY_BG } from './gap-colours.js'

/** The legend of cell colours, with the live count of gaps of each kind. */
export function GapSummary({ counts }: { counts: GapCounts }) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  return (
    <div className="gap-summary" aria-label={t('gap.legend')} role="group">
      {GAP_KINDS.map((kind) => (
        <span
          key={kind}
          className="gap-badge"
          data-testid={`gap-count-${kind}`}
          data-count={counts[kind]}
          style={{ background: GAP_COLOURS[kind], color: GAP_INK[kind] }}
        >
          {t('gap.count', {
            kind: t(`gap.${kind}`),
            count: number.format(counts[kind]) as unknown as number,
          })}
        </span>
      ))}
      <span className="legend-swatch" style={{ background: READ_ONLY_BG }}>
        {t('gap.readOnly')}
      </span>
      <span className="legend-swatch" style={{ background: FROZEN_BG }}>
        {t('gap.frozen')}
      </span>
    </div>
  )
}
