import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, PlanModel, Role } from '@tandem/shared'
import { arrivalPeriod, checkTransfer } from '@tandem/shared'
import { describeViolation } from '../plan-view/describe-violation.js'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import { newId } from '../plan-view/new-id.js'
import type { PlanLive } from '../sync/plan-session.js'
import { enterTransfer, withdrawTransfer } from './enter-transfer.js'
import type { TransferDraft, TransferDraftField } from './transfer-draft.js'
import { readTransferDraft } from './transfer-draft.js'

interface TransferPanelProps {
  live: PlanLive
  model: PlanModel
  meta: PlanMeta
  role: Role
  format: Formatters
  notify: Notify
  /** The SKU the grid is on, offered as the one shipped. */
  focusedSku: string | undefined
  onClose: () => void
}

const EMPTY_DRAFT: TransferDraft = {
  fromSite: '',
  fromSku: '',
  toSite: '',
  toSku: '',
  period: '',
  quantity: '',
  leadTime: '0',
}

/**
 * Enters a transfer (SKU and site it ships from, SKU and site it arrives at, the period it ships
 * in, quantity and lead time) through the plan document, and lists the plan's transfers.
 */
export function TransferPanel(props: TransferPanelProps) {
  const { live, model, meta, role, format, notify } = props
  const { t } = useTranslation()
  const [draft, setDraft] = useState<TransferDraft>(() => startDraft(model, props.focusedSku))
  const [error, setError] = useState<{ field: TransferDraftField | undefined; message: string }>()
  const [tick, setTick] = useState(0)
  useEffect(() => model.onChange(() => setTick((n) => n + 1)), [model])
  const skusAt = (site: string) =>
    live.plan.listSkus().filter((sku) => site !== '' && model.sku(sku)?.item.site === site)
  const fromFamily = model.sku(draft.fromSku)?.item.family
  const toChoices = skusAt(draft.toSite).sort(
    (a, b) =>
      Number(model.sku(b)?.item.family === fromFamily) -
      Number(model.sku(a)?.item.family === fromFamily),
  )
  const set = (field: TransferDraftField, value: string) => {
    setError(undefined)
    setDraft((previous) => {
      const next = { ...previous, [field]: value }
      if (field === 'fromSite') next.fromSku = ''
      if (field === 'toSite') next.toSku = ''
      return next
    })
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const id = newId('TR')
    const result = readTransferDraft({ plan: live.plan, meta, role, t, format }, id, draft)
    if (!result.ok) {
      setError({ field: result.field, message: result.message })
      return
    }
    enterTransfer(live, id, result.transfer)
    const { transfer } = result
    notify(
      t('transfers.entered', {
        quantity: format.number(transfer.quantity),
        from: transfer.fromSku,
        to: transfer.toSku,
        period: periodName(meta, format, arrivalPeriod(transfer)),
      }),
      'info',
    )
    setDraft((previous) => ({ ...previous, quantity: '' }))
  }
  const label = (field: TransferDraftField) => t(`transfers.field.${field}`)
  const invalid = (field: TransferDraftField) => error?.field === field || undefined
  const siteSelect = (field: 'fromSite' | 'toSite') => (
    <label>
      {label(field)}
      <select
        data-testid={`transfer-${field}`}
        value={draft[field]}
        aria-invalid={invalid(field)}
        onChange={(event) => set(field, event.target.value)}
      >
        <option value="">{t('transfers.choose')}</option>
        {meta.sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name} ({site.id})
          </option>
        ))}
      </select>
    </label>
  )
  const skuSelect = (field: 'fromSku' | 'toSku', skus: string[]) => (
    <label>
      {label(field)}
      <select
        data-testid={`transfer-${field}`}
        value={draft[field]}
        aria-invalid={invalid(field)}
        onChange={(event) => set(field, event.target.value)}
      >
        <option value="">{t('transfers.choose')}</option>
        {skus.map((sku) => (
          <option key={sku} value={sku}>
            {sku} · {model.sku(sku)?.item.name}
          </option>
        ))}
      </select>
    </label>
  )
  const transfers = model.transferList()
  const naming = { t, format, meta, role }
  return (
    <aside className="side-panel transfer-panel" data-testid="transfers-panel" data-tick={tick}>
      <div className="side-panel-tabs">
        <strong>{t('transfers.title')}</strong>
        <span className="spacer" />
        <button type="button" className="link-button" onClick={props.onClose}>
          {t('versions.close')}
        </button>
      </div>
      <form className="transfer-form" onSubmit={submit} noValidate>
        {siteSelect('fromSite')}
        {skuSelect('fromSku', skusAt(draft.fromSite))}
        {siteSelect('toSite')}
        {skuSelect('toSku', toChoices)}
        <label>
          {label('period')}
          <select
            data-testid="transfer-period"
            value={draft.period}
            aria-invalid={invalid('period')}
            onChange={(event) => set('period', event.target.value)}
          >
            <option value="">{t('transfers.choose')}</option>
            {Array.from({ length: meta.periodCount }, (_, p) => (
              <option key={p} value={String(p)}>
                {periodName(meta, format, p)}
              </option>
            ))}
          </select>
        </label>
        {(['quantity', 'leadTime'] as const).map((field) => (
          <label key={field}>
            {label(field)}
            <input
              data-testid={`transfer-${field}`}
              inputMode="decimal"
              value={draft[field]}
              aria-invalid={invalid(field)}
              onChange={(event) => set(field, event.target.value)}
            />
          </label>
        ))}
        {error && (
          <p
            className="field-error"
            role="alert"
            data-testid="transfer-error"
            data-field={error.field ?? ''}
          >
            {error.message}
          </p>
        )}
        <button type="submit" className="button primary" data-testid="transfer-submit">
          {t('transfers.submit')}
        </button>
      </form>
      <h4>{t('transfers.list', { count: transfers.length })}</h4>
      <ul className="transfer-list" data-testid="transfer-list">
        {transfers.map(([id, transfer]) => (
          <li key={id} data-testid="transfer-row" data-id={id}>
            {t('transfers.row', {
              quantity: format.number(transfer.quantity),
              from: transfer.fromSku,
              fromSite: model.sku(transfer.fromSku)?.item.site ?? '',
              to: transfer.toSku,
              toSite: model.sku(transfer.toSku)?.item.site ?? '',
              ships: periodName(meta, format, transfer.period),
              arrives: periodName(meta, format, arrivalPeriod(transfer)),
            })}
            <button
              type="button"
              className="link-button"
              data-testid="transfer-cancel"
              onClick={() => {
                const refused = checkTransfer(live.plan, meta, role, undefined, id, undefined)
                if (!refused) withdrawTransfer(live, id)
                else
                  notify(
                    describeViolation(naming, refused.code, refused.place, refused.reason),
                    'error',
                  )
              }}
            >
              {t('transfers.cancel')}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  )
}

function startDraft(model: PlanModel, sku: string | undefined): TransferDraft {
  const site = sku ? model.sku(sku)?.item.site : undefined
  return sku && site ? { ...EMPTY_DRAFT, fromSite: site, fromSku: sku } : EMPTY_DRAFT
}

function periodName(meta: PlanMeta, format: Formatters, period: number): string {
  return period < meta.periodCount
    ? format.period(meta.periodKind, meta.firstPeriod, period)
    : format.period(meta.periodKind, meta.firstPeriod, meta.periodCount - 1) + ' +'
}
