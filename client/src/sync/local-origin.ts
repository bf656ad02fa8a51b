import type { EditSource } from '@tandem/shared'

/** Where my edits come from on the board; undo steps are told apart by the UndoManager origin. */
export type LocalEditSource = 'grid' | 'paste' | 'spread' | 'fill' | 'baseline'

/** Where a transaction came from. Only `local` transactions are undoable and tracked as unsaved. */
export type TransactionOrigin =
  | { readonly kind: 'local'; readonly source: LocalEditSource }
  | { readonly kind: 'reapply' }
  | { readonly kind: 'master' }

const local = (source: LocalEditSource): TransactionOrigin =>
  Object.freeze({ kind: 'local', source })

/** The origin of edits this browser makes through the board, one per source. */
export const LOCAL_ORIGINS: Readonly<Record<LocalEditSource, TransactionOrigin>> = Object.freeze({
  grid: local('grid'),
  paste: local('paste'),
  spread: local('spread'),
  fill: local('fill'),
  baseline: local('baseline'),
})

/** The origin of a typed edit. */
export const LOCAL_ORIGIN = LOCAL_ORIGINS.grid

/** The origin of edits re-applied after a resync; they are not undoable. */
export const REAPPLY_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'reapply' })

/**
 * The origin of a planner's settings and master data changes. They are not undoable: undo
 * tracks cell edits only, and undoing a new SKU's rows would delete them, which the rules refuse.
 */
export const MASTER_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'master' })

export function isLocalOrigin(origin: unknown): origin is TransactionOrigin & { kind: 'local' } {
  return Object.values(LOCAL_ORIGINS).includes(origin as TransactionOrigin)
}

/** The history source of a transaction this browser made, or undefined for anyone else's. */
export function sourceOfOrigin(origin: unknown, undo: unknown): EditSource | undefined {
  if (origin === undo) return 'undo'
  if (origin === REAPPLY_ORIGIN) return 'grid'
  return isLocalOrigin(origin) ? origin.source : undefined
}
