import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CellEdit, PlanModel } from '@tandem/shared'
import { scaleDemandEdits, shiftLaunchEdits } from '@tandem/shared'
import type { PlanSession, PlanLive } from '../sync/plan-session.js'

/**
 * The what-if helpers in a scenario: scale a family's or a SKU's demand by a percentage or an
 * amount, shift a product launch by N periods. Each is one checked edit, undone in one step.
 */
export function WhatIfForm(props: {
  session: PlanSession
  live: PlanLive
  model: PlanModel
  onResult: (message: string, kind: 'info' | 'error') => void
}) {
  const { t } = useTranslation()
  const families = props.model.families().map((f) => f.family)
  const [target, setTarget] = useState(families[0] ? `family:${families[0]}` : '')
  const [sku, setSku] = useState('')
  const [mode, setMode] = useState<'percent' | 'amount'>('percent')
  const [value, setValue] = useState('10')
  const [launchSku, setLaunchSku] = useState('')
  const [shift, setShift] = useState('1')
  const apply = (edits: CellEdit[]) => {
    if (edits.length === 0) return props.onResult(t('scenarios.whatIf.nothing'), 'info')
    const violation = props.session.applyEdits(edits)
    if (violation) props.onResult(violation.reason, 'error')
    else props.onResult(t('scenarios.whatIf.applied', { count: edits.length }), 'info')
  }
  const scale = (event: React.FormEvent) => {
    event.preventDefault()
    const amount = Number(value)
    if (!Number.isFinite(amount)) return props.onResult(t('scenarios.whatIf.badNumber'), 'error')
    const chosen = sku.trim()
      ? { kind: 'sku' as const, sku: sku.trim() }
      : { kind: 'family' as const, family: target.replace(/^family:/, '') }
    const change = mode === 'percent' ? { percent: amount } : { amount }
    apply(scaleDemandEdits(props.live.plan, chosen, change))
  }
  const launch = (event: React.FormEvent) => {
    event.preventDefault()
    const periods = Number(shift)
    if (!Number.isInteger(periods)) return props.onResult(t('scenarios.whatIf.badNumber'), 'error')
    apply(shiftLaunchEdits(props.live.plan, launchSku.trim(), periods))
  }
  return (
    <div className="what-if" data-testid="what-if">
      <h3>{t('scenarios.whatIf.title')}</h3>
      <form onSubmit={scale} className="what-if-row">
        <select
          aria-label={t('scenarios.whatIf.family')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="what-if-family"
        >
          {families.map((family) => (
            <option key={family} value={`family:${family}`}>
              {family}
            </option>
          ))}
        </select>
        <input
          aria-label={t('scenarios.whatIf.sku')}
          placeholder={t('scenarios.whatIf.sku')}
          value={sku}
          onChange={(e) => setSku(e.target.value)}
          data-testid="what-if-sku"
        />
        <select
          aria-label={t('scenarios.whatIf.mode')}
          value={mode}
          onChange={(e) => setMode(e.target.value as 'percent' | 'amount')}
          data-testid="what-if-mode"
        >
          <option value="percent">{t('scenarios.whatIf.percent')}</option>
          <option value="amount">{t('scenarios.whatIf.amount')}</option>
        </select>
        <input
          aria-label={t('scenarios.whatIf.value')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="what-if-value"
          size={6}
        />
        <button type="submit" className="button" data-testid="what-if-scale">
          {t('scenarios.whatIf.scale')}
        </button>
      </form>
      <form onSubmit={launch} className="what-if-row">
        <input
          aria-label={t('scenarios.whatIf.launchSku')}
          placeholder={t('scenarios.whatIf.launchSku')}
          value={launchSku}
          onChange={(e) => setLaunchSku(e.target.value)}
          data-testid="what-if-launch-sku"
        />
        <input
          aria-label={t('scenarios.whatIf.periods')}
          value={shift}
          onChange={(e) => setShift(e.target.value)}
          size={4}
          data-testid="what-if-shift"
        />
        <button type="submit" className="button" data-testid="what-if-launch">
          {t('scenarios.whatIf.shift')}
        </button>
      </form>
    </div>
  )
}
