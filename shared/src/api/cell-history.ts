import type { EditSource } from '../edit-source.js'

/** One write a cell received, as the server stored it under its author (wire type). */
export interface CellHistoryEntry {
  /** The value the author wrote. */
  value: number
  /** What the cell showed before; absent in history recorded before sources were kept. */
  previous?: number
  /** What the cell showed right after: differs from `value` when another write won at once. */
  shown?: number
  /** Where the edit came from: grid, paste, spread, fill, undo, import, restore, baseline. */
  source?: EditSource
  /** The user id of the author. */
  author: string
  /** ISO time the server stored it. */
  at: string
  /** The log sequence number of the update that carried it. */
  seq: string
}

/** `GET /api/plans/:id/history`: newest first, with the cell's base and current value. */
export interface CellHistoryResponse {
  history: CellHistoryEntry[]
  /** The value the cell had when its row was created or imported. */
  base: number
  /** The value the cell shows now. */
  current: number
}
