import type { Site } from './sites/site.js'

/** Whether a plan's periods are ISO weeks or calendar months. */
export type PeriodKind = 'week' | 'month'

/** A plan is a draft while it is worked on, and read-only once approved. */
export type PlanStatus = 'draft' | 'approved'

/** A production resource (a line or a work centre) whose capacity is planned. */
export interface Resource {
  id: string
  name: string
  site: string
}

/** The values held in the `meta` root. */
export interface PlanMeta {
  name: string
  periodKind: PeriodKind
  /** ISO date (YYYY-MM-DD) of the first period's first day. */
  firstPeriod: string
  periodCount: number
  /** Periods with index ≤ frozenThrough are frozen; -1 freezes none. */
  frozenThrough: number
  status: PlanStatus
  unit: string
  /** The largest value a cell may hold. */
  maxValue: number
  /** Decimal places a value may carry (0 = whole units). */
  decimals: number
  resources: Resource[]
  /** The plan's sites; every SKU and resource names one of them. Empty in plans made before sites. */
  sites: Site[]
}

/** The frozen-period rule: a period at or before `frozenThrough` may not be edited. */
export function isFrozenPeriod(meta: Pick<PlanMeta, 'frozenThrough'>, period: number): boolean {
  return period <= meta.frozenThrough
}

/** Meta keys and the JSON type each must hold. */
export const META_FIELDS = {
  name: 'string',
  periodKind: 'string',
  firstPeriod: 'string',
  periodCount: 'number',
  frozenThrough: 'number',
  status: 'string',
  unit: 'string',
  maxValue: 'number',
  decimals: 'number',
  resources: 'object',
  sites: 'object',
} as const satisfies Record<keyof PlanMeta, string>

export type MetaKey = keyof PlanMeta

export function isMetaKey(key: string): key is MetaKey {
  return Object.hasOwn(META_FIELDS, key)
}

export const DEFAULT_MAX_VALUE = 1_000_000_000
