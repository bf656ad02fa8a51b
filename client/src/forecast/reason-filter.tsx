import { useTranslation } from 'react-i18next'
import type { OverrideNote, OverrideReason } from '@tandem/shared'
import { OVERRIDE_REASONS } from '@tandem/shared'

/** The reason filter of a cell's history: every entry, or only those with this reason. */
export type ReasonFilterValue = OverrideReason | ''

/** The words for an override reason, with its note. */
export function ReasonText({ note }: { note: OverrideNote }) {
  const { t } = useTranslation()
  return (
    <span className="override-reason-text" data-testid="override-reason-text">
      {t(`forecast.reasons.${note.reason}`)}
      {note.note ? `: ${note.note}` : ''}
    </span>
  )
}

export function ReasonFilter(props: {
  value: ReasonFilterValue
  onChange: (value: ReasonFilterValue) => void
}) {
  const { t } = useTranslation()
  return (
    <label className="reason-filter">
      {t('forecast.filterByReason')}{' '}
      <select
        data-testid="history-reason-filter"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as ReasonFilterValue)}
      >
        <option value="">{t('forecast.allReasons')}</option>
        {OVERRIDE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`forecast.reasons.${r}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
