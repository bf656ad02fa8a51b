import type { RoomPeer } from './room-peer.js'

/**
 * Which peer of this instance controls each awareness clientID, and for which user. A peer's
 * entries are removed when it leaves; another user's entries may not be written.
 */
export class AwarenessOwners {
  private readonly byClient = new Map<number, { peer: RoomPeer; userId: string }>()
  /** Who first set each entry in this room's lifetime: a removed entry stays theirs. */
  private readonly firstUser = new Map<number, string>()
  /** Every clientID each peer has set, for the per-socket cap. */
  private readonly setBy = new WeakMap<RoomPeer, Set<number>>()

  /** The user whose peer set a presence entry, if it was set through this instance. */
  userOf(clientId: number): string | undefined {
    return this.byClient.get(clientId)?.userId
  }

  /** The user who first set this entry while the room lived, even if it was removed since. */
  firstUserOf(clientId: number): string | undefined {
    return this.firstUser.get(clientId)
  }

  /** `peer` set these entries: it controls them now (a reconnect takes them over). */
  claim(peer: RoomPeer, clientIds: number[]): void {
    let set = this.setBy.get(peer)
    if (!set) this.setBy.set(peer, (set = new Set()))
    for (const id of clientIds) {
      set.add(id)
      this.byClient.set(id, { peer, userId: peer.userId })
      if (!this.firstUser.has(id)) this.firstUser.set(id, peer.userId)
    }
  }

  /** Entries set through another instance by `userId`: nobody else may take them here. */
  claimRemote(userId: string, clientIds: number[]): void {
    for (const id of clientIds) if (!this.firstUser.has(id)) this.firstUser.set(id, userId)
  }

  release(clientIds: number[]): void {
    for (const id of clientIds) this.byClient.delete(id)
  }

  /** Every clientID `peer` has set presence for. */
  setByPeer(peer: RoomPeer): ReadonlySet<number> {
    return this.setBy.get(peer) ?? EMPTY
  }

  /** The entries `peer` controls. */
  clientsOf(peer: RoomPeer): number[] {
    return [...this.byClient].filter(([, owner]) => owner.peer === peer).map(([id]) => id)
  }
}

const EMPTY: ReadonlySet<number> = new Set()
