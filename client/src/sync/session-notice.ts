import type { RejectedPlace, RejectionCode } from '@tandem/shared'

/** What the sync layer tells the person, translated by the UI. */
export type SessionNotice =
  | { kind: 'rejected'; code: RejectionCode; reason: string; places: RejectedPlace[] }
  | { kind: 'reapplied'; reapplied: number; dropped: number }
  /** The server started a new document epoch: reloaded, pending edits re-applied, undo cleared. */
  | { kind: 'epochChanged'; reapplied: number }
