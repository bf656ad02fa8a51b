import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Item, ItemChange, ItemFields, PlanMeta } from '@tandem/shared'
import { EDITABLE_ITEM_FIELDS, ITEM_FIELDS } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { PlanSession } from '../sync/plan-session.js'
import { describeChangeViolation } from './describe-change-violation.js'
import { fieldNumber } from './field-number.js'
import { changeItem } from './plan-changes.js'

interface ItemFormProps {
  session: PlanSession
  meta: PlanMeta
  format: Formatters
  /** The SKU edited; absent to add a new one. */
  item?: Item
  onDone: (sku: string) => void
  onCancel: () => void
}

type Draft = Record<'sku' | (typeof EDITABLE_ITEM_FIELDS)[number] | 'resource', string>

/**
 * Adds a SKU (id and fields; its demand and supply rows come with it) or edits one SKU's fields.
 * The change is checked with the server's rules first; an error names the field and the reason.
 */
export function ItemForm({ session, meta, format, item, onDone, onCancel }: ItemFormProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Draft>(() => ({
    sku: item?.sku ?? '',
    name: item?.name ?? '',
    family: item?.family ?? '',
    site: item?.site ?? meta.sites[0]?.id ?? '',
    openingStock: String(item?.openingStock ?? 0),
    safetyStock: String(item?.safetyStock ?? 0),
    maxStock: String(item?.maxStock ?? 0),
    price: String(item?.price ?? 0),
    unitCost: String(item?.unitCost ?? 0),
    leadTime: String(item?.leadTime ?? 0),
    minBatch: String(item?.minBatch ?? 0),
    lotSize: String(item?.lotSize ?? 0),
    resource: item?.resource ?? '',
  }))
  const [error, setError] = useState<{ field: string; message: string }>()
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const fields: Record<string, string | number> = { resource: draft.resource }
    for (const field of EDITABLE_ITEM_FIELDS) {
      fields[field] =
        ITEM_FIELDS[field] === 'number' ? fieldNumber(draft[field]) : draft[field].trim()
    }
    const sku = item?.sku ?? draft.sku.trim()
    const change: ItemChange = { sku, fields: fields as ItemFields, isNew: !item }
    const safety = Number(fields.safetyStock)
    const max = Number(fields.maxStock)
    if (max > 0 && safety > max) {
      // A maximum below the safety stock marks every period as excess or short: a typo.
      const subject = t('masterData.ofSku', { field: t('masterData.field.maxStock'), sku })
      setError({
        field: 'maxStock',
        message: t('masterData.error.maxBelowSafety', {
          field: subject,
          max: format.number(max),
          safety: format.number(safety),
        }),
      })
      return
    }
    const violation = changeItem(session, change)
    if (violation) {
      const field = violation.place.field ?? 'sku'
      const message = describeChangeViolation({ t, format, meta }, violation, fields[field])
      setError({ field, message })
      return
    }
    setError(undefined)
    onDone(sku)
  }
  const set =
    (field: keyof Draft) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft((previous) => ({ ...previous, [field]: event.target.value }))
  const fieldError = (field: string) =>
    error?.field === field && (
      <span className="error field-error" role="alert" data-testid={`item-error-${field}`}>
        {error.message}
      </span>
    )
  return (
    <form className="item-form" onSubmit={submit} data-testid="item-form">
      <h3>{item ? t('masterData.editTitle', { sku: item.sku }) : t('masterData.addTitle')}</h3>
      {!item && (
        <label className="field">
          <span>{t('masterData.field.sku')}</span>
          <input
            value={draft.sku}
            required
            autoFocus
            maxLength={64}
            data-testid="item-sku"
            onChange={set('sku')}
          />
          {fieldError('sku')}
        </label>
      )}
      <div className="field-grid">
        {EDITABLE_ITEM_FIELDS.map((field) => (
          <label key={field} className="field">
            <span>{t(`masterData.field.${field}`)}</span>
            {field === 'site' && meta.sites.length > 0 ? (
              // A plan with sites: a SKU names one of them (the rule the server checks).
              <select value={draft.site} data-testid="item-site" onChange={set('site')}>
                {!meta.sites.some((site) => site.id === draft.site) && (
                  <option value={draft.site}>{draft.site}</option>
                )}
                {meta.sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name || site.id}
                  </option>
                ))}
              </select>
            ) : (
              <input
                value={draft[field]}
                inputMode={ITEM_FIELDS[field] === 'number' ? 'decimal' : undefined}
                data-testid={`item-${field}`}
                onChange={set(field)}
              />
            )}
            {fieldError(field)}
          </label>
        ))}
        {meta.resources.length > 0 && (
          <label className="field">
            <span>{t('masterData.field.resource')}</span>
            <select value={draft.resource} data-testid="item-resource" onChange={set('resource')}>
              <option value="">{t('masterData.noResource')}</option>
              {meta.resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name || resource.id}
                </option>
              ))}
            </select>
            {fieldError('resource')}
          </label>
        )}
      </div>
      {meta.unit && (
        <p className="muted field-note">{t('masterData.stockUnit', { unit: meta.unit })}</p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="item-save">
          {item ? t('masterData.save') : t('masterData.add')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('masterData.cancel')}
        </button>
      </div>
    </form>
  )
}
