import type { UnmetNeed } from '@tandem/shared'

/**
 * A supply proposal to run in a worker thread, packed so that handing it over copies typed
 * arrays, not objects: per SKU (in `skus` order) its lot rule and stock levels, and its demand
 * and supply rows one after the other (`periodCount` values each).
 */
export interface ProposalWorkerJob {
  periodCount: number
  frozenThrough: number
  skus: string[]
  resources: string[]
  /** Per SKU: openingStock, safetyStock, maxStock, leadTime, minBatch, lotSize. */
  levels: Float64Array
  demand: Float64Array
  supply: Float64Array
  /** Capacity left to the SKUs of the job, per resource in `capacityOf` order. */
  capacityOf: string[]
  capacity: Float64Array
}

export const LEVEL_FIELDS = 6

/** Most unmet needs a worker sends back in full; the count is always whole. */
export const UNMET_LIMIT = 1000

/** What the worker answers: the proposed supply rows, packed as the job's supply. */
export type ProposalWorkerMessage =
  | {
      kind: 'done'
      supply: Float64Array
      unmet: UnmetNeed[]
      unmetCount: number
      load: Record<string, number[]>
    }
  | { kind: 'failed'; message: string }
