import type { RejectedPlace, RejectionCode } from '@tandem/shared'
import type { CellNaming } from './describe-cell.js'
import { describeCell } from './describe-cell.js'

/**
 * A rule violation (from the client's own check or the server's `rejected`) in the reader's
 * language, naming the cell. The server's English reason is kept only as a last resort.
 */
export function describeViolation(
  view: CellNaming,
  code: RejectionCode,
  place: RejectedPlace | undefined,
  reason: string,
  value?: unknown,
): string {
  const { t } = view
  // A new transfer's id is a random one the person never saw: name it by the SKU it ships from.
  const shipsFrom = /ships from (\S+) at site/.exec(reason)?.[1]
  const cell =
    place?.root === 'transfers'
      ? shipsFrom
        ? t('transfers.namedFrom', { sku: shipsFrom })
        : t('transfers.named', { id: place.key ?? '' })
      : place?.key !== undefined && place.period !== undefined
        ? describeCell(view, place.root, place.key, place.period)
        : place?.field && (place.root === 'meta' || place.root === 'items')
          ? fieldName(view, place)
          : (place?.key ?? place?.root ?? '')
  switch (code) {
    case 'forbiddenRole':
      return t('rule.forbiddenRole', { role: t(`role.${view.role}`), cell })
    case 'planApproved':
      return t('rule.planApproved', { cell })
    case 'frozenPeriod':
      return t('rule.frozenPeriod', { cell })
    case 'badStructure':
      return t('rule.badStructure', { cell })
    case 'badValue':
      return t('rule.badValue', { cell })
    case 'outOfRange':
      if (typeof value === 'number' && value < 0) return t('rule.negative', { cell })
      if (typeof value === 'number' && value > view.meta.maxValue) {
        return t('rule.tooLarge', { cell, max: view.format.number(view.meta.maxValue) })
      }
      if (typeof value === 'number') return t('rule.decimals', { cell, count: view.meta.decimals })
      return t('rule.outOfRange', { cell })
    case 'messageTooLong':
      return t('rule.messageTooLong')
    case 'discussionQuota':
      return t('rule.discussionQuota')
    case 'stageLocked':
      return t('rule.stageLocked', { cell })
    case 'outOfScope': {
      const at = / at site (\S+);/.exec(reason)?.[1] ?? ''
      const scoped = /scoped to (.+)$/.exec(reason)?.[1] ?? ''
      return t('rule.outOfScope', {
        role: t(`role.${view.role}`),
        cell,
        site: at,
        sites: scoped,
      })
    }
    default:
      return t('rule.generic', { cell, reason })
  }
}

/** A plan setting or item field named the way the settings panel labels it. */
function fieldName(view: CellNaming, place: RejectedPlace): string {
  if (place.root === 'meta') return view.t(`settings.field.${place.field}`)
  const field = view.t(`masterData.field.${place.field}`)
  return place.key ? view.t('masterData.ofSku', { field, sku: place.key }) : field
}
