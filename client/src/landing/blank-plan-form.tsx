import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeriodKind, PlanRecord } from '@tandem/shared'
import { isoWeek } from '@tandem/shared'
import { ApiFailure } from '../api/plans-api.js'
import { createBlankPlan, firstDayOf } from './blank-plan.js'

const MAX_PERIODS = 520

function thisPeriod(kind: PeriodKind): string {
  const now = new Date()
  if (kind === 'month')
    return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  const { year, week } = isoWeek(now)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** A plan with a horizon and no SKUs yet: name, weeks or months, start, periods and unit. */
export function BlankPlanForm({ onCreated }: { onCreated: (plan: PlanRecord) => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [periodKind, setPeriodKind] = useState<PeriodKind>('week')
  const [start, setStart] = useState(() => thisPeriod('week'))
  const [periodCount, setPeriodCount] = useState('26')
  const [unit, setUnit] = useState('')
  const [error, setError] = useState<{ field: string; message: string }>()
  const [busy, setBusy] = useState(false)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const firstPeriod = firstDayOf(periodKind, start)
    const count = Number(periodCount)
    if (!name.trim()) return setError({ field: 'name', message: t('landing.blank.nameMissing') })
    if (!firstPeriod)
      return setError({ field: 'start', message: t(`landing.blank.startInvalid_${periodKind}`) })
    if (!Number.isInteger(count) || count < 1 || count > MAX_PERIODS)
      return setError({
        field: 'periods',
        message: t('landing.blank.periodsInvalid', { max: MAX_PERIODS }),
      })
    setBusy(true)
    setError(undefined)
    createBlankPlan({
      name: name.trim(),
      periodKind,
      firstPeriod,
      periodCount: count,
      unit: unit.trim(),
    }).then(onCreated, (failure: unknown) => {
      setBusy(false)
      const message = failure instanceof ApiFailure ? failure.message : String(failure)
      setError({ field: 'form', message: t('landing.create.failed', { message }) })
    })
  }
  const fieldError = (field: string) =>
    error?.field === field && (
      <span className="error field-error" role="alert" data-testid={`blank-error-${field}`}>
        {error.message}
      </span>
    )
  return (
    <form className="card create-plan" onSubmit={submit} data-testid="blank-plan" noValidate>
      <h2>{t('landing.blank.title')}</h2>
      <p className="muted">{t('landing.blank.intro')}</p>
      <label className="field">
        <span>{t('landing.create.name')}</span>
        <input
          value={name}
          maxLength={200}
          data-testid="blank-name"
          onChange={(event) => {
            setError(undefined)
            setName(event.target.value)
          }}
        />
        {fieldError('name')}
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('landing.create.kind')}</span>
          <select
            value={periodKind}
            data-testid="blank-kind"
            onChange={(event) => {
              const kind = event.target.value === 'month' ? 'month' : 'week'
              setPeriodKind(kind)
              setStart(thisPeriod(kind))
            }}
          >
            <option value="week">{t('landing.create.week')}</option>
            <option value="month">{t('landing.create.month')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('landing.blank.start')}</span>
          <input
            type={periodKind}
            value={start}
            data-testid="blank-start"
            onChange={(event) => {
              setError(undefined)
              setStart(event.target.value)
            }}
          />
          {fieldError('start')}
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('landing.create.periods')}</span>
          <input
            type="number"
            min={1}
            max={MAX_PERIODS}
            value={periodCount}
            data-testid="blank-periods"
            onChange={(event) => {
              setError(undefined)
              setPeriodCount(event.target.value)
            }}
          />
          {fieldError('periods')}
        </label>
        <label className="field">
          <span>{t('landing.blank.unit')}</span>
          <input
            value={unit}
            maxLength={20}
            placeholder="cs"
            data-testid="blank-unit"
            onChange={(event) => {
              setError(undefined)
              setUnit(event.target.value)
            }}
          />
        </label>
      </div>
      {fieldError('form')}
      <button type="submit" className="button primary" disabled={busy} data-testid="blank-submit">
        {busy ? t('landing.create.creating') : t('landing.blank.submit')}
      </button>
    </form>
  )
}
