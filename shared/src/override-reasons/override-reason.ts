import type { PlanDoc } from '../plan-doc.js'

/** Why sales override the statistical forecast in a demand cell. */
export const OVERRIDE_REASONS = [
  'promotion',
  'newCustomer',
  'lostCustomer',
  'priceChange',
  'marketIntelligence',
  'other',
] as const
export type OverrideReason = (typeof OVERRIDE_REASONS)[number]

/** Longest free text an override reason may carry. */
export const MAX_OVERRIDE_NOTE = 500

/** The value of an `overrideReasons` entry. `note` is required for `other`. */
export interface OverrideNote {
  reason: OverrideReason
  note: string
}

export function isOverrideReason(value: unknown): value is OverrideReason {
  return typeof value === 'string' && (OVERRIDE_REASONS as readonly string[]).includes(value)
}

/** The key of a demand cell's reason: `SKU-00001@17` (SKU ids never contain `@`). */
export function overrideReasonKey(sku: string, period: number): string {
  return `${sku}@${period}`
}

/** The SKU and period of a reason key, or undefined for anything else. */
export function parseOverrideReasonKey(key: string): { sku: string; period: number } | undefined {
  const match = /^(.+)@(0|[1-9][0-9]{0,5})$/.exec(key)
  return match ? { sku: match[1], period: Number(match[2]) } : undefined
}

/** Why the demand cell was overridden, if a reason was given. */
export function readOverrideReason(
  plan: PlanDoc,
  sku: string,
  period: number,
): OverrideNote | undefined {
  const value = plan.overrideReasons.get(overrideReasonKey(sku, period))
  return value && typeof value === 'object' ? (value as OverrideNote) : undefined
}

/**
 * Sets (or with undefined clears) the reason of a demand cell; the caller checks the rules
 * first (`checkOverrideReason`) and writes the cell in the same transaction.
 */
export function writeOverrideReason(
  plan: PlanDoc,
  sku: string,
  period: number,
  note: OverrideNote | undefined,
): void {
  const key = overrideReasonKey(sku, period)
  if (note) plan.overrideReasons.set(key, { reason: note.reason, note: note.note })
  else plan.overrideReasons.delete(key)
}
