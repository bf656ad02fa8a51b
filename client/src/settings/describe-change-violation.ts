import type { TFunction } from 'i18next'
import type { PlanMeta, RuleViolation } from '@tandem/shared'
import { ITEM_TEXT_MAX, MAX_DECIMALS, PLAN_NAME_MAX, UNIT_MAX } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'

/** What naming a settings or master data field needs. */
export interface FieldNaming {
  t: TFunction
  format: Formatters
  meta: PlanMeta
}

/** The field a violation of a `meta` or `items` write concerns, in the reader's words. */
export function fieldLabel(t: TFunction, root: string, field: string | undefined): string {
  if (!field) return root === 'items' ? t('masterData.title') : t('settings.title')
  return root === 'meta' ? t(`settings.field.${field}`) : t(`masterData.field.${field}`)
}

/**
 * A refused settings or master data change in the reader's language, naming the field and the
 * reason: "Safety stock must not be negative (got -5)". `value` is what was typed.
 */
export function describeChangeViolation(
  naming: FieldNaming,
  violation: RuleViolation,
  value?: unknown,
): string {
  const { t, format, meta } = naming
  const { code, place } = violation
  const field = fieldLabel(t, place.root, place.field)
  const sku = place.root === 'items' ? (place.key ?? '') : ''
  const subject = sku && place.field !== 'sku' ? t('masterData.ofSku', { field, sku }) : field
  switch (code) {
    case 'forbiddenRole':
      return t('settings.error.forbiddenRole', { field: subject })
    case 'planApproved':
      return t('settings.error.planApproved', { field: subject })
    case 'badStructure':
      return place.field === 'sku'
        ? t('masterData.error.skuExists', { sku })
        : t('settings.error.generic', { field: subject, reason: violation.reason })
    case 'badValue':
      if (place.field === 'sku') return t('masterData.error.skuInvalid', { sku })
      if (place.field === 'resource')
        return t('masterData.error.unknownResource', { field: subject })
      if (place.field === 'site') return t('masterData.error.unknownSite', { field: subject })
      return t('settings.error.notANumber', { field: subject })
    case 'outOfRange':
      if (place.field === 'name' && place.root === 'meta')
        return t('settings.error.nameLength', { field: subject, max: PLAN_NAME_MAX })
      if (place.field === 'unit')
        return t('settings.error.textTooLong', { field: subject, max: UNIT_MAX })
      if (place.field === 'decimals')
        return t('settings.error.decimals', { field: subject, max: MAX_DECIMALS })
      if (place.field === 'frozenThrough')
        return t('settings.error.frozenThrough', { field: subject })
      if (typeof value === 'number' && value < 0)
        return t('settings.error.negative', { field: subject, value: format.number(value) })
      if (typeof value === 'number' && !Number.isFinite(value))
        return t('settings.error.notANumber', { field: subject })
      if (typeof value === 'number')
        return t('settings.error.tooLarge', { field: subject, max: format.number(meta.maxValue) })
      return t('settings.error.textTooLong', { field: subject, max: ITEM_TEXT_MAX })
    default:
      return t('settings.error.generic', { field: subject, reason: violation.reason })
  }
}
