import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { CloseReason, ExtensionMessage, Role, RuleViolation } from '@tandem/shared'
import { MESSAGE_TYPES } from '@tandem/shared'
import type { Room } from '../../server/src/rooms/room.js'
import type { RoomPeer } from '../../server/src/rooms/room-peer.js'

/**
 * An in-memory RoomPeer with its own client document, so Room is tested without sockets.
 * Messages queue in both directions until the test delivers them, one at a time and in order
 * per direction (as over a socket), in whatever interleaving it chooses.
 */
export class MemoryPeer implements RoomPeer {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  /** Room → peer messages not delivered yet. */
  readonly inbox: Uint8Array[] = []
  /** Peer → room messages not delivered yet. */
  readonly outbox: Uint8Array[] = []
  readonly savedVectors: Uint8Array[] = []
  readonly notices: ExtensionMessage[] = []
  readonly rejections: RuleViolation[] = []
  closedWith: { reason: CloseReason; text: string } | undefined
  readonly sessionVersion = 0
  private room: Room | undefined

  constructor(
    readonly userId: string,
    readonly role: Role,
    clientID: number,
  ) {
    this.doc.clientID = clientID
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.outbox.push(message(MESSAGE_TYPES.sync, 2, update))
    })
  }

  get isOpen(): boolean {
    return this.closedWith === undefined
  }

  /** Joins `room` and queues the client's sync step 1, as a provider does on connect. */
  join(room: Room): void {
    this.room = room
    room.join(this)
    this.outbox.push(message(MESSAGE_TYPES.sync, 0, Y.encodeStateVector(this.doc)))
  }

  /** Queues a raw awareness update, as if this peer's client sent it. */
  sendAwareness(update: Uint8Array): void {
    this.outbox.push(message(MESSAGE_TYPES.awareness, undefined, update))
  }

  /** Delivers the oldest message this peer sent to the room. */
  async deliverToRoom(): Promise<void> {
    const next = this.outbox.shift()
    if (next && this.room && this.isOpen) await this.room.receive(this, next)
  }

  /** Applies the oldest message the room sent to this peer's document (answering a step 1). */
  deliverToPeer(): void {
    const next = this.inbox.shift()
    if (!next) return
    const decoder = decoding.createDecoder(next)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_TYPES.awareness) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      )
      return
    }
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MESSAGE_TYPES.sync)
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
    if (encoding.length(reply) > 1) this.outbox.push(encoding.toUint8Array(reply))
  }

  /** Delivers everything queued in both directions until nothing is left. */
  async settle(): Promise<void> {
    while (this.isOpen && (this.inbox.length > 0 || this.outbox.length > 0)) {
      while (this.outbox.length > 0) await this.deliverToRoom()
      await this.room?.whenDurable()
      while (this.inbox.length > 0) this.deliverToPeer()
    }
  }

  send(bytes: Uint8Array): void {
    if (this.isOpen) this.inbox.push(bytes)
  }

  batch(write: () => void): void {
    write()
  }

  /** Messages are in the inbox at once: nothing is ever in flight. */
  async drained(): Promise<void> {}

  saved(stateVector: Uint8Array): void {
    if (this.isOpen) this.savedVectors.push(stateVector)
  }

  notify(message: ExtensionMessage): void {
    if (this.isOpen) this.notices.push(message)
  }

  rejected(violation: RuleViolation): void {
    this.rejections.push(violation)
    this.close('updateRejected', violation.reason)
  }

  close(reason: CloseReason, text = ''): void {
    if (!this.isOpen) return
    this.closedWith = { reason, text }
    this.room?.leave(this)
  }

  heartbeat(): void {}

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function message(type: number, step: number | undefined, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (step !== undefined) encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
