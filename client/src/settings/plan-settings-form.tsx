import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, Role, SettingsChange } from '@tandem/shared'
import { MAX_DECIMALS } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import { describeChangeViolation } from './describe-change-violation.js'
import { fieldNumber } from './field-number.js'
import { changeSettings } from './plan-changes.js'

interface PlanSettingsFormProps {
  session: PlanSession
  meta: PlanMeta
  role: Role
  format: Formatters
  notify: Notify
}

/**
 * Name, frozen-through, status, unit and decimals. A planner edits them (one checked update per
 * save); everyone else sees them read-only. An approved plan takes only a status change.
 */
export function PlanSettingsForm({ session, meta, role, format, notify }: PlanSettingsFormProps) {
  const { t } = useTranslation()
  const [name, setName] = useState(meta.name)
  const [frozenThrough, setFrozenThrough] = useState(meta.frozenThrough)
  const [status, setStatus] = useState(meta.status)
  const [unit, setUnit] = useState(meta.unit)
  const [decimals, setDecimals] = useState(String(meta.decimals))
  const [error, setError] = useState<{ field: string; message: string }>()
  const planner = role === 'planner'
  const locked = !planner || meta.status === 'approved'
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const decimalCount = fieldNumber(decimals)
    const change: SettingsChange =
      meta.status === 'approved'
        ? { status }
        : { name: name.trim(), frozenThrough, status, unit: unit.trim(), decimals: decimalCount }
    const violation = changeSettings(session, change)
    if (violation) {
      const field = violation.place.field ?? ''
      const value = field === 'decimals' ? decimalCount : undefined
      setError({ field, message: describeChangeViolation({ t, format, meta }, violation, value) })
      return
    }
    setError(undefined)
    notify(t('settings.saved'), 'info')
  }
  const fieldError = (field: string) =>
    error?.field === field && (
      <span className="error field-error" role="alert" data-testid={`settings-error-${field}`}>
        {error.message}
      </span>
    )
  const periodLabel = (p: number) => format.period(meta.periodKind, meta.firstPeriod, p)
  return (
    <form className="settings-form" onSubmit={submit} data-testid="plan-settings">
      {!planner && (
        <p className="muted" data-testid="settings-read-only">
          {t('settings.readOnly', { role: t(`role.${role}`) })}
        </p>
      )}
      {planner && meta.status === 'approved' && (
        <p className="muted">{t('settings.approvedHint')}</p>
      )}
      <label className="field">
        <span>{t('settings.field.name')}</span>
        <input
          value={name}
          disabled={locked}
          data-testid="settings-name"
          onChange={(event) => setName(event.target.value)}
        />
        {fieldError('name')}
      </label>
      <label className="field">
        <span>{t('settings.field.frozenThrough')}</span>
        <select
          value={frozenThrough}
          disabled={locked}
          data-testid="settings-frozen-through"
          onChange={(event) => setFrozenThrough(Number(event.target.value))}
        >
          <option value={-1}>{t('settings.noFrozen')}</option>
          {Array.from({ length: meta.periodCount }, (_, p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
        {fieldError('frozenThrough')}
      </label>
      <label className="field">
        <span>{t('settings.field.status')}</span>
        <select
          value={status}
          disabled={!planner}
          data-testid="settings-status"
          onChange={(event) => setStatus(event.target.value === 'approved' ? 'approved' : 'draft')}
        >
          <option value="draft">{t('settings.status.draft')}</option>
          <option value="approved">{t('settings.status.approved')}</option>
        </select>
        {fieldError('status')}
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('settings.field.unit')}</span>
          <input
            value={unit}
            disabled={locked}
            data-testid="settings-unit"
            onChange={(event) => setUnit(event.target.value)}
          />
          {fieldError('unit')}
        </label>
        <label className="field">
          <span>{t('settings.field.decimals')}</span>
          <input
            inputMode="numeric"
            value={decimals}
            disabled={locked}
            data-testid="settings-decimals"
            aria-describedby="decimals-hint"
            onChange={(event) => setDecimals(event.target.value)}
          />
          <span id="decimals-hint" className="muted field-note">
            {t('settings.decimalsHint', { max: MAX_DECIMALS })}
          </span>
          {fieldError('decimals')}
        </label>
      </div>
      {planner && (
        <button type="submit" className="button primary" data-testid="settings-save">
          {t('settings.save')}
        </button>
      )}
    </form>
  )
}
