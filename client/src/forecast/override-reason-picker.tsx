import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OverrideReason } from '@tandem/shared'
import { OVERRIDE_REASONS } from '@tandem/shared'
import type { PlanSession } from '../sync/plan-session.js'

/**
 * The reason my overrides of the baseline carry: picked once, written beside every demand
 * cell I then set away from its statistical forecast, in the same transaction as the value.
 */
export function OverrideReasonPicker({ session }: { session: PlanSession }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState<OverrideReason | ''>('')
  const [note, setNote] = useState('')
  useEffect(() => {
    const ready = reason !== '' && (reason !== 'other' || note.trim() !== '')
    session.setOverrideNote(ready ? { reason, note: note.trim() } : undefined)
  }, [session, reason, note])
  useEffect(() => () => session.setOverrideNote(undefined), [session])
  return (
    <label className="override-reason">
      {t('forecast.reasonLabel')}
      <select
        data-testid="override-reason"
        value={reason}
        onChange={(event) => setReason(event.target.value as OverrideReason | '')}
      >
        <option value="">{t('forecast.noReason')}</option>
        {OVERRIDE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`forecast.reasons.${r}`)}
          </option>
        ))}
      </select>
      {reason === 'other' && (
        <input
          type="text"
          data-testid="override-note"
          maxLength={500}
          placeholder={t('forecast.notePlaceholder')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      )}
    </label>
  )
}
