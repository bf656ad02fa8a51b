import type { StoredCellWrite } from '@tandem/shared'

/** How long after my edit someone else replacing it counts as a conflict worth telling. */
export const CONFLICT_WINDOW_MS = 60_000

type StructId = { client: number; clock: number }

/** My latest write to a cell, while the cell still shows it. */
export interface MyWrite {
  value: number
  at: number
  id: StructId
}

/** Someone else's latest write to a cell, as this browser received it. */
export interface TheirWrite {
  value: number
  at: number
  client: number
}

/** What happened between my value and someone else's in one cell. */
export type ConflictKind =
  /** They replaced my value: restore mine or keep theirs. */
  | 'replaced'
  /** They wrote at the same moment and my value was kept: keep mine or use theirs. */
  | 'kept'
  /** I replaced the value they had just written: keep mine or restore theirs. */
  | 'overwrote'

export interface Conflict {
  kind: ConflictKind
  mine: number
  theirs: number
}

const sameId = (a: StructId | null | undefined, b: StructId) =>
  a != null && a.client === b.client && a.clock === b.clock

/**
 * A remote write to a cell I wrote: a conflict when it did not see my value (made at the same
 * moment, or offline), or when it replaced my value within the window of my edit.
 */
export function conflictOfRemote(
  mine: MyWrite | undefined,
  theirs: StoredCellWrite,
  now: number,
  windowMs = CONFLICT_WINDOW_MS,
): Conflict | undefined {
  if (!mine || !theirs.id || theirs.value === mine.value) return undefined
  const concurrent = !sameId(theirs.seen, mine.id)
  if (!concurrent && now - mine.at > windowMs) return undefined
  if (theirs.shown === mine.value)
    return concurrent ? { kind: 'kept', mine: mine.value, theirs: theirs.value } : undefined
  return { kind: 'replaced', mine: mine.value, theirs: theirs.shown }
}

/** My write to a cell: a conflict when it replaced a different value someone wrote just before. */
export function conflictOfLocal(
  theirs: TheirWrite | undefined,
  mine: StoredCellWrite,
  now: number,
  windowMs = CONFLICT_WINDOW_MS,
): Conflict | undefined {
  if (!theirs || now - theirs.at > windowMs) return undefined
  if (mine.previous !== theirs.value || mine.value === theirs.value) return undefined
  return { kind: 'overwrote', mine: mine.value, theirs: theirs.value }
}
