import * as Y from 'yjs'
import type { ClientOwners as StoredClientOwners, StoredPlanState } from '../store/plan-log.js'

/** The author of content the server wrote itself (plan creation, imports). */
export const SYSTEM_AUTHOR = '@system'

/** A room's clientID owners: each Yjs clientID is bound to the first user who wrote with it. */
export class ClientOwners {
  private readonly owners = new Map<number, string>()

  /** The owners a stored plan records: its snapshot's, then the authors of its log entries. */
  static of(state: StoredPlanState): ClientOwners {
    const owners = new ClientOwners()
    owners.claimStored(state)
    return owners
  }

  /** Claims what a stored state records: its snapshot's owners, then its log entries' authors. */
  claimStored(state: StoredPlanState): void {
    for (const [client, user] of Object.entries(state.clientOwners))
      this.claim(Number(client), user)
    for (const { update, author } of state.updates) this.claimUpdate(update, author)
  }

  ownerOf(client: number): string | undefined {
    return this.owners.get(client)
  }

  /** Binds `client` to `user` unless someone owns it already. */
  claim(client: number, user: string): void {
    if (!this.owners.has(client)) this.owners.set(client, user)
  }

  /** Claims every clientID that wrote structs in `update` for `user`. */
  claimUpdate(update: Uint8Array, user: string): void {
    for (const client of Y.parseUpdateMeta(update).from.keys()) this.claim(client, user)
  }

  /** Gives the clientIDs of `doc` nobody owns to the server. */
  claimRemaining(doc: Y.Doc): void {
    for (const client of doc.store.clients.keys()) this.claim(client, SYSTEM_AUTHOR)
  }

  toRecord(): StoredClientOwners {
    return Object.fromEntries([...this.owners].map(([client, user]) => [String(client), user]))
  }
}
