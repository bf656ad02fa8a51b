import type { TFunction } from 'i18next'
import type { PlanDoc, PlanMeta, Role, Transfer } from '@tandem/shared'
import { checkTransfer, isFrozenPeriod, roleMayWrite } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'

/** What the transfer form holds: text as typed, SKUs and period as chosen. */
export interface TransferDraft {
  fromSite: string
  fromSku: string
  toSite: string
  toSku: string
  period: string
  quantity: string
  leadTime: string
}

export const TRANSFER_DRAFT_FIELDS = [
  'fromSite',
  'fromSku',
  'toSite',
  'toSku',
  'period',
  'quantity',
  'leadTime',
] as const

export type TransferDraftField = (typeof TRANSFER_DRAFT_FIELDS)[number]

/** A transfer ready to write, or the field that stops it and why, in the reader's language. */
export type DraftResult =
  | { ok: true; transfer: Transfer }
  | { ok: false; field: TransferDraftField | undefined; message: string }

interface DraftContext {
  plan: PlanDoc
  meta: PlanMeta
  role: Role
  t: TFunction
  format: Formatters
}

/**
 * Reads the form into a transfer, checking each field in order and naming the first one that is
 * wrong, then runs the server's own rule (`checkTransfer`) so that the two cannot disagree.
 */
export function readTransferDraft(
  context: DraftContext,
  id: string,
  draft: TransferDraft,
): DraftResult {
  const { plan, meta, role, t, format } = context
  const fail = (field: TransferDraftField | undefined, key: string, values = {}): DraftResult => ({
    ok: false,
    field,
    message: field
      ? t('transfers.fieldError', {
          field: t(`transfers.field.${field}`),
          reason: t(`transfers.error.${key}`, values),
        })
      : t(`transfers.error.${key}`, values),
  })
  if (!roleMayWrite(role, 'transfers'))
    return fail(undefined, 'forbiddenRole', { role: t(`role.${role}`) })
  if (meta.status === 'approved') return fail(undefined, 'planApproved')
  for (const field of ['fromSite', 'fromSku', 'toSite', 'toSku', 'period'] as const)
    if (draft[field] === '') return fail(field, 'choose')
  const siteOf = (sku: string) => plan.readItem(sku)?.site
  if (siteOf(draft.fromSku) !== draft.fromSite)
    return fail('fromSku', 'notAtSite', { site: draft.fromSite })
  if (siteOf(draft.toSku) !== draft.toSite)
    return fail('toSku', 'notAtSite', { site: draft.toSite })
  if (draft.fromSite === draft.toSite) return fail('toSite', 'sameSite', { site: draft.toSite })
  const period = Number(draft.period)
  if (!Number.isInteger(period) || period < 0 || period >= meta.periodCount)
    return fail('period', 'outsideHorizon')
  if (isFrozenPeriod(meta, period))
    return fail('period', 'frozen', {
      period: format.period(meta.periodKind, meta.firstPeriod, period),
    })
  const quantity = parseFloat(draft.quantity.replace(/[\s,]/g, ''))
  if (draft.quantity.trim() === '' || !Number.isFinite(quantity) || quantity <= 0)
    return fail('quantity', 'positive')
  if (quantity > meta.maxValue)
    return fail('quantity', 'tooLarge', { max: format.number(meta.maxValue) })
  const scaled = quantity * 10 ** meta.decimals
  if (Math.abs(Math.round(scaled) - scaled) > 1e-6)
    return fail('quantity', 'decimals', { count: meta.decimals })
  const leadTime = Number(draft.leadTime.trim() === '' ? 'x' : draft.leadTime)
  if (!Number.isInteger(leadTime) || leadTime < 0 || leadTime > meta.periodCount)
    return fail('leadTime', 'leadTime', { max: meta.periodCount })
  const transfer: Transfer = {
    fromSku: draft.fromSku,
    toSku: draft.toSku,
    period,
    leadTime,
    quantity,
  }
  const violation = checkTransfer(plan, meta, role, undefined, id, transfer)
  if (violation) return fail(undefined, 'rule', { reason: violation.reason })
  return { ok: true, transfer }
}
