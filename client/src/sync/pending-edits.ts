import type { CellEdit } from '@tandem/shared'
import { cellEditKey } from '@tandem/shared'

/** A local cell edit the server has not yet said is durable. */
export interface PendingEdit extends CellEdit {
  /** The clientID that wrote it and the clock after the write: saved once the server has it. */
  client: number
  clock: number
}

/**
 * Unsaved local cell edits, keyed by cell, kept in localStorage so that they survive a reload
 * while offline. An entry is cleared when a `saved` state vector covers its clock.
 */
export class PendingEdits {
  private readonly edits = new Map<string, PendingEdit>()

  constructor(private readonly storageKey: string) {
    try {
      const stored = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as PendingEdit[]
      for (const edit of stored) this.edits.set(cellEditKey(edit), edit)
    } catch {
      localStorage.removeItem(storageKey)
    }
  }

  get size(): number {
    return this.edits.size
  }

  list(): PendingEdit[] {
    return [...this.edits.values()]
  }

  record(cells: readonly CellEdit[], client: number, clock: number): void {
    for (const cell of cells) this.edits.set(cellEditKey(cell), { ...cell, client, clock })
    this.persist()
  }

  /** Drops every edit the durable state vector covers; true when something was dropped. */
  acknowledge(saved: Map<number, number>): boolean {
    let changed = false
    for (const [key, edit] of this.edits) {
      if ((saved.get(edit.client) ?? 0) >= edit.clock) {
        this.edits.delete(key)
        changed = true
      }
    }
    if (changed) this.persist()
    return changed
  }

  clear(): void {
    this.edits.clear()
    this.persist()
  }

  private persist(): void {
    if (this.edits.size === 0) localStorage.removeItem(this.storageKey)
    else localStorage.setItem(this.storageKey, JSON.stringify(this.list()))
  }
}
