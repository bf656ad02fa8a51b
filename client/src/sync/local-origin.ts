/** Where a transaction came from. Only `local` transactions are undoable and tracked as unsaved. */
export type TransactionOrigin = { readonly kind: 'local' } | { readonly kind: 'reapply' }

/** The origin of every edit this browser makes through the board. */
export const LOCAL_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'local' })

/** The origin of edits re-applied after a resync; they are not undoable. */
export const REAPPLY_ORIGIN: TransactionOrigin = Object.freeze({ kind: 'reapply' })
