import type { FastifyBaseLogger } from 'fastify'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { AwarenessOwners } from './awareness-owners.js'
import { awarenessProblem } from './awareness-problem.js'
import type { ChangeOrigin } from './change-origin.js'
import { FEED_ORIGIN, SERVER_ORIGIN } from './change-origin.js'
import { decodeFeedAwareness, encodeFeedAwareness } from './feed-awareness.js'
import { foreignAwarenessClients } from './foreign-awareness-clients.js'
import type { RoomPeer } from './room-peer.js'
import { encodeAwarenessMessage } from './wire.js'

type AwarenessOrigin = ChangeOrigin | 'timeout'

/**
 * A room's awareness: which peer controls which presence entries, what a peer may set (only
 * its own user's entries), and the relay of every change to the room's peers and, through the
 * feed, to other instances.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly owners = new AwarenessOwners()
  /** Sends presence to other instances, once the room follows the feed. */
  publish: ((update: Uint8Array) => void) | undefined

  constructor(
    doc: Y.Doc,
    private readonly peers: ReadonlySet<RoomPeer>,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relay)
  }

  /** Everyone's presence as one awareness message, or undefined when nobody is present. */
  everyone(): Uint8Array | undefined {
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length === 0) return undefined
    return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  /** Everyone's presence as one awareness message, also when it lists nobody. */
  answerQuery(): Uint8Array {
    const clients = [...this.awareness.getStates().keys()]
    return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  /** Removes the entries a peer that left controlled. */
  left(peer: RoomPeer): void {
    const clients = this.owners.clientsOf(peer)
    if (clients.length === 0) return
    awarenessProtocol.removeAwarenessStates(this.awareness, clients, SERVER_ORIGIN)
    // The removal is relayed; y-protocols would keep each entry's clock for good. Who owns the
    // clientID stays recorded (AwarenessOwners), so nobody else can take it meanwhile.
    for (const client of clients)
      if (!this.awareness.getStates().has(client)) this.awareness.meta.delete(client)
  }

  /**
   * Applies a peer's presence, unless it would overwrite presence another user set: then
   * nothing of it is applied.
   */
  receive(sender: RoomPeer, update: Uint8Array): void {
    const problem = awarenessProblem(update, this.awareness, {
      userId: sender.userId,
      userOf: (id) => this.owners.firstUserOf(id),
      setBySocket: this.owners.setByPeer(sender),
    })
    if (problem) {
      this.logger.info({ userId: sender.userId, problem }, 'ignored presence')
      return
    }
    const foreign = foreignAwarenessClients(
      update,
      this.awareness,
      sender.userId,
      (id) => this.owners.userOf(id) ?? this.owners.firstUserOf(id),
    )
    if (foreign.length > 0) {
      this.logger.info({ userId: sender.userId, foreign }, 'ignored presence for another client')
      return
    }
    const origin: ChangeOrigin = { kind: 'peer', peer: sender }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin)
  }

  /**
   * Presence another instance relayed through the feed: applied, and each entry it sets bound to
   * the user who set it there, so that nobody else can claim the clientID here either.
   */
  receiveFromFeed(bytes: Uint8Array): void {
    let decoded: ReturnType<typeof decodeFeedAwareness>
    try {
      decoded = decodeFeedAwareness(bytes)
    } catch {
      return
    }
    const { userId, update } = decoded
    const before = new Map(this.awareness.meta)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FEED_ORIGIN)
    if (userId === undefined) return
    const set = [...this.awareness.getStates().keys()].filter(
      (id) => this.awareness.meta.get(id)?.clock !== before.get(id)?.clock,
    )
    this.owners.claimRemote(userId, set)
  }

  /** The user whose peer set a presence entry, if it was set through this instance. */
  userOf(clientId: number): string | undefined {
    return this.owners.userOf(clientId)
  }

  destroy(): void {
    this.awareness.off('update', this.relay)
    this.awareness.destroy()
  }

  private readonly relay = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: AwarenessOrigin,
  ): void => {
    if (origin !== 'timeout' && origin.kind === 'peer')
      this.owners.claim(origin.peer, [...added, ...updated])
    this.owners.release(removed)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
      ...added,
      ...updated,
      ...removed,
    ])
    if (origin === 'timeout' || origin.kind !== 'feed') {
      const userId = origin !== 'timeout' && origin.kind === 'peer' ? origin.peer.userId : undefined
      this.publish?.(encodeFeedAwareness(userId, update))
    }
    const message = encodeAwarenessMessage(update)
    for (const peer of this.peers) peer.send(message)
  }
}
