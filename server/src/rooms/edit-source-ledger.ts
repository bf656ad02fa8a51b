import * as Y from 'yjs'
import type { EditSource, EditSourceRange } from '@tandem/shared'
import { CLIENT_EDIT_SOURCES } from '@tandem/shared'

/** Ranges kept per clientID; a client that declares more loses its oldest declarations. */
const MAX_RANGES_PER_CLIENT = 256

interface Declared {
  user: string
  from: number
  to: number
  source: EditSource
}

/**
 * Where each peer's edits came from, as the peers declared it (`editSources`), until the
 * structs they name arrive. The server checks what it can: a user declares only for clientIDs
 * that are theirs or nobody's yet, only client sources (never import or restore), and only for
 * structs the room has not integrated, so a past edit cannot be relabelled. A declaration
 * applies only when the struct arrives from the same user.
 */
export class EditSourceLedger {
  private readonly byClient = new Map<number, Declared[]>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly ownerOf: (client: number) => string | undefined,
  ) {}

  /** Records a peer's declarations; returns how many were refused. */
  declare(user: string, ranges: readonly EditSourceRange[]): number {
    let refused = 0
    for (const { client, clock, length, source } of ranges) {
      const owner = this.ownerOf(client)
      const integrated = Y.getState(this.doc.store, client)
      const fresh = length === 0 ? clock >= integrated : clock + length > integrated
      if (!CLIENT_EDIT_SOURCES.includes(source) || (owner ?? user) !== user || !fresh) {
        refused++
        continue
      }
      const list = this.byClient.get(client) ?? []
      list.push({ user, from: clock, to: clock + length, source })
      if (list.length > MAX_RANGES_PER_CLIENT) list.shift()
      this.byClient.set(client, list)
    }
    return refused
  }

  /** The declared source of the struct `id` written by `user`, if it was declared. */
  sourceOf(user: string, id: { client: number; clock: number }): EditSource | undefined {
    const list = this.byClient.get(id.client)
    if (!list) return undefined
    for (let i = list.length - 1; i >= 0; i--) {
      const range = list[i]
      if (range.user === user && range.from <= id.clock && id.clock < range.to) return range.source
    }
    return undefined
  }

  /**
   * The source of the last transaction `user` declared that ends at its client's current clock:
   * what a write without structs of its own (a removed overlay entry) came from.
   */
  lastSourceOf(user: string): EditSource | undefined {
    for (const [client, list] of this.byClient) {
      const state = Y.getState(this.doc.store, client)
      const last = list.at(-1)
      if (last && last.user === user && last.to === state) return last.source
    }
    return undefined
  }

  /** Forgets declarations whose structs are integrated, keeping each client's last one. */
  prune(): void {
    for (const [client, list] of this.byClient) {
      const state = Y.getState(this.doc.store, client)
      const kept = list.filter((range, i) => range.to > state || i === list.length - 1)
      if (kept.length === 0) this.byClient.delete(client)
      else this.byClient.set(client, kept)
    }
  }
}
