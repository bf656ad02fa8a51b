import type * as Y from 'yjs'
import type { Measure } from '@tandem/shared'
import { cellEditKey, storedCellWrites } from '@tandem/shared'
import { isPresenceState } from '../presence/presence-state.js'
import { sourceOfOrigin } from '../sync/local-origin.js'
import type { PlanLive } from '../sync/plan-session.js'
import type { Conflict, MyWrite, TheirWrite } from './conflict-of.js'
import { conflictOfLocal, conflictOfRemote } from './conflict-of.js'

/** A cell by measure, row key and period. */
export interface ConflictCell {
  measure: Measure
  key: string
  period: number
}

/** A conflict in one cell, with the clientID of the other person's write. */
export interface CellConflict extends Conflict {
  cell: ConflictCell
  client: number
}

/** Someone else's write that just reached a cell, for an open editor to show. */
export interface RemoteCellWrite {
  cell: ConflictCell
  value: number
  client: number
}

/** Runs a request that changes the plan on the server on my behalf (ConflictTracker.ownServerChange). */
export type OwnServerChange = <T>(request: () => Promise<T>) => Promise<T>

/** Cells remembered per kind; the oldest are forgotten beyond this. */
const REMEMBERED = 10_000

/** How long after my own server change answers its writes may still arrive (another instance). */
const OWN_CHANGE_GRACE_MS = 5_000

/**
 * Watches one document for values that replace each other: my writes against everyone else's,
 * read from the structs each transaction integrated (`storedCellWrites`), so a write that lost
 * at the same moment is seen too. Tells listeners about conflicts and about remote writes.
 */
export class ConflictTracker {
  private readonly mine = new Map<string, MyWrite>()
  private readonly theirs = new Map<string, TheirWrite>()
  private readonly conflictListeners = new Set<(conflict: CellConflict) => void>()
  private readonly writeListeners = new Set<(write: RemoteCellWrite) => void>()
  private ownChanges = 0
  private ownChangesUntil = 0

  constructor(
    private readonly live: PlanLive,
    private readonly now: () => number = () => Date.now(),
  ) {
    live.doc.on('afterTransaction', this.onTransaction)
  }

  onConflict(listener: (conflict: CellConflict) => void): () => void {
    this.conflictListeners.add(listener)
    return () => this.conflictListeners.delete(listener)
  }

  onRemoteWrite(listener: (write: RemoteCellWrite) => void): () => void {
    this.writeListeners.add(listener)
    return () => this.writeListeners.delete(listener)
  }

  /**
   * Runs a request that changes the plan on the server on my behalf (a version restore, a file
   * import). The writes it brings come from the server, not from a person: while it runs, and a
   * moment after, they are mine, never a colleague replacing my values.
   */
  async ownServerChange<T>(request: () => Promise<T>): Promise<T> {
    this.ownChanges++
    try {
      return await request()
    } finally {
      this.ownChanges--
      this.ownChangesUntil = this.now() + OWN_CHANGE_GRACE_MS
    }
  }

  destroy(): void {
    this.live.doc.off('afterTransaction', this.onTransaction)
    this.conflictListeners.clear()
    this.writeListeners.clear()
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    const { doc, undo, provider, plan } = this.live
    const local = sourceOfOrigin(transaction.origin, undo) !== undefined
    if (!local && transaction.origin !== provider) return
    const now = this.now()
    for (const write of storedCellWrites(plan, transaction)) {
      const cell = { measure: write.measure, key: write.key, period: write.period }
      const key = cellEditKey(cell)
      if (local) {
        const found = conflictOfLocal(this.theirs.get(key), write, now)
        if (found) this.emit({ ...found, cell, client: this.theirs.get(key)!.client })
        this.theirs.delete(key)
        if (write.id) remember(this.mine, key, { value: write.value, at: now, id: write.id })
        else this.mine.delete(key)
        continue
      }
      if (!write.id || write.id.client === doc.clientID) continue
      if (this.isOwnServerWrite(write.id.client, now)) {
        this.mine.delete(key)
        this.theirs.delete(key)
        continue
      }
      const found = conflictOfRemote(this.mine.get(key), write, now)
      if (found) this.emit({ ...found, cell, client: write.id.client })
      if (write.shown !== this.mine.get(key)?.value) this.mine.delete(key)
      if (write.shown === write.value) {
        remember(this.theirs, key, { value: write.value, at: now, client: write.id.client })
        for (const listener of this.writeListeners)
          listener({ cell, value: write.value, client: write.id.client })
      }
    }
  }

  /** A write by the server (no person's presence) while my own server change runs. */
  private isOwnServerWrite(client: number, now: number): boolean {
    if (this.ownChanges === 0 && now > this.ownChangesUntil) return false
    return !isPresenceState(this.live.provider.awareness.getStates().get(client))
  }

  private emit(conflict: CellConflict): void {
    for (const listener of this.conflictListeners) listener(conflict)
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > REMEMBERED) map.delete(map.keys().next().value!)
}
