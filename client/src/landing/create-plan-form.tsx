import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord } from '@tandem/shared'
import { createDemoPlan } from '../api/plans-api.js'

/** Creates a generated demo plan of the chosen size and opens it. */
export function CreatePlanForm({ onCreated }: { onCreated: (plan: PlanRecord) => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [skuCount, setSkuCount] = useState(200)
  const [periodCount, setPeriodCount] = useState(26)
  const [periodKind, setPeriodKind] = useState<'week' | 'month'>('week')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    createDemoPlan({
      name: name.trim() || t('landing.create.defaultName'),
      skuCount,
      periodCount,
      periodKind,
    }).then(onCreated, (failure: Error) => {
      setError(failure.message)
      setBusy(false)
    })
  }
  return (
    <form className="card create-plan" onSubmit={submit} data-testid="create-plan">
      <h2>{t('landing.create.title')}</h2>
      <p className="muted">{t('landing.create.intro')}</p>
      <label className="field">
        <span>{t('landing.create.name')}</span>
        <input
          value={name}
          maxLength={80}
          placeholder={t('landing.create.defaultName')}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('landing.create.skus')}</span>
          <input
            type="number"
            min={1}
            max={10000}
            value={skuCount}
            onChange={(event) => setSkuCount(Number(event.target.value))}
          />
        </label>
        <label className="field">
          <span>{t('landing.create.periods')}</span>
          <input
            type="number"
            min={1}
            max={156}
            value={periodCount}
            onChange={(event) => setPeriodCount(Number(event.target.value))}
          />
        </label>
        <label className="field">
          <span>{t('landing.create.kind')}</span>
          <select
            value={periodKind}
            onChange={(event) => setPeriodKind(event.target.value === 'month' ? 'month' : 'week')}
          >
            <option value="week">{t('landing.create.week')}</option>
            <option value="month">{t('landing.create.month')}</option>
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {t('landing.create.failed', { message: error })}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy} data-testid="create-demo">
        {busy ? t('landing.create.creating') : t('landing.create.submit')}
      </button>
    </form>
  )
}
