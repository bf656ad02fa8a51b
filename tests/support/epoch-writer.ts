import * as Y from 'yjs'
import type { CellEdit } from '@tandem/shared'
import { CLOSE_CODES, MEASURES, writeCells } from '@tandem/shared'
import type { StockClient } from './stock-client.js'

/** A Y.Doc with a fixed clientID, so a test's documents are the same on every run. */
export function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

/** Every row of every measure, overlays applied. */
export function rowsOf(client: StockClient): Record<string, number[]> {
  const rows: Record<string, number[]> = {}
  for (const measure of MEASURES)
    client.plan
      .measureRoot(measure)
      .forEach((_, key) => (rows[`${measure}:${key}`] = client.plan.readRow(measure, key)))
  return rows
}

/** The client's own clock the server has said `saved` for. */
export function savedClock(client: StockClient): number {
  return Math.max(
    0,
    ...client.extensions.map((m) =>
      m.type === 'saved' ? (Y.decodeStateVector(m.stateVector).get(client.doc.clientID) ?? 0) : 0,
    ),
  )
}

/** True once a `saved` message covers everything the client wrote. */
export function allSaved(client: StockClient): boolean {
  const own = Y.getState(client.doc.store, client.doc.clientID)
  return own === 0 || savedClock(client) >= own
}

/** True once the server closed the client's socket with `epochChanged`. */
export function epochClosed(client: StockClient): boolean {
  return client.closes.some(({ code }) => code === CLOSE_CODES.epochChanged)
}

/**
 * A client that keeps what the board keeps: every edit not yet covered by `saved`, to write
 * again on the new document after an epoch change.
 */
export interface EpochWriter {
  client: StockClient
  pending: Map<string, CellEdit & { clock: number }>
  skus: string[]
}

/** Writes edits through the writer's client and keeps them pending until `saved`. */
export function writeEdits(writer: EpochWriter, edits: CellEdit[]): void {
  writeCells(writer.client.plan, edits)
  const clock = Y.getState(writer.client.doc.store, writer.client.doc.clientID)
  for (const edit of edits)
    writer.pending.set(`${edit.measure}:${edit.key}:${edit.period}`, { ...edit, clock })
}

/** Forgets the pending edits `saved` covers. */
export function acknowledge(writer: EpochWriter): void {
  const saved = savedClock(writer.client)
  for (const [key, edit] of writer.pending) if (saved >= edit.clock) writer.pending.delete(key)
}

/**
 * The board's path on `epochChanged`: the old copy is dropped, a fresh one (`open`) syncs, and
 * every edit the server did not acknowledge is written again, as an edit, on the new document.
 */
export async function rebase(
  writer: EpochWriter,
  open: (skus: string[]) => EpochWriter,
): Promise<EpochWriter> {
  acknowledge(writer)
  writer.client.destroy()
  const next = open(writer.skus)
  await next.client.synced()
  writeEdits(
    next,
    [...writer.pending.values()].map(({ clock: _, ...edit }) => edit),
  )
  return next
}
