import type { FastifyBaseLogger } from 'fastify'
import * as decoding from 'lib0/decoding'
import type { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { CloseReason, Role, RuleViolation, SocketRate } from '@tandem/shared'
import {
  CLOSE_CODES,
  DEFAULT_SOCKET_RATE,
  encodeExtensionMessage,
  MESSAGE_TYPES,
} from '@tandem/shared'
import type { Room } from '../rooms/room.js'
import { foreignAwarenessClients } from './foreign-awareness-clients.js'
import { encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2 } from './wire.js'

/** Who is on the other end of a socket, as far as this connection knows. */
export interface ConnectionIdentity {
  userId: string
  role: Role
  name: string
  /** The client asked for extension messages (`?ext=1`). */
  extensions: boolean
}

/** Bytes buffered for a slow receiver before it is closed with 1013. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

/**
 * One WebSocket speaking the y-websocket protocol to one room. Messages that arrive before the
 * room is attached are buffered and replayed, so the first sync step is never lost.
 */
export class SyncConnection {
  readonly awarenessClients = new Set<number>()
  private room: Room | undefined
  private buffered: Uint8Array[] = []
  private closed = false
  private chain: Promise<void> = Promise.resolve()

  private tokens: number
  private alive = true
  private refilledAt = Date.now()

  constructor(
    private readonly socket: WebSocket,
    readonly identity: ConnectionIdentity,
    private readonly logger: FastifyBaseLogger,
    private readonly rate: SocketRate = DEFAULT_SOCKET_RATE,
  ) {
    this.tokens = rate.burst
    socket.binaryType = 'nodebuffer'
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.closed) return
      if (!this.takeToken()) {
        this.close('rateLimited', `More than ${rate.perSecond} messages per second`)
        return
      }
      if (!isBinary && data.length === 0) return
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      if (this.room) this.enqueue(bytes)
      else this.buffered.push(bytes)
    })
    socket.on('pong', () => (this.alive = true))
    socket.on('close', () => this.detach())
    socket.on('error', (error) => this.logger.debug({ err: error }, 'socket error'))
  }

  get role(): Role {
    return this.identity.role
  }

  get isOpen(): boolean {
    return !this.closed
  }

  /** Joins the room, greets the client with sync step 1, and replays what arrived meanwhile. */
  attach(room: Room): void {
    if (this.closed) return
    this.room = room
    room.addConnection(this)
    this.send(encodeSyncStep1(Y.encodeStateVector(room.doc)))
    const states = room.awareness.getStates()
    if (states.size > 0) {
      this.send(
        encodeAwarenessMessage(
          awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]),
        ),
      )
    }
    const buffered = this.buffered
    this.buffered = []
    for (const bytes of buffered) this.enqueue(bytes)
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close('tryAgainLater', 'Receiving too slowly')
      return
    }
    this.socket.send(message)
  }

  /**
   * Called every heartbeat interval: a connection that did not answer the previous ping is
   * dead (a laptop closed mid-meeting, a dropped network) and is terminated, freeing its room.
   */
  heartbeat(): void {
    if (this.closed) return
    if (!this.alive) {
      this.logger.info({ userId: this.identity.userId }, 'no pong: closing a dead connection')
      this.closed = true
      this.socket.terminate()
      this.detach()
      return
    }
    this.alive = false
    this.socket.ping()
  }

  /** Holds writes until `uncork`, so one flush's messages leave in one system call. */
  cork(): void {
    this.rawSocket()?.cork()
  }

  uncork(): void {
    this.rawSocket()?.uncork()
  }

  private rawSocket(): { cork(): void; uncork(): void } | undefined {
    return (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket
  }

  sendSaved(stateVector: Uint8Array): void {
    if (this.identity.extensions) this.send(encodeExtensionMessage({ type: 'saved', stateVector }))
  }

  /** Tells the sender why its update was refused, then closes so it resyncs from the server. */
  reject(violation: RuleViolation): void {
    this.logger.info({ code: violation.code, place: violation.place }, 'update rejected')
    if (this.identity.extensions) {
      this.send(
        encodeExtensionMessage({
          type: 'rejected',
          code: violation.code,
          reason: violation.reason,
          places: [violation.place],
        }),
      )
    }
    this.close('updateRejected', violation.reason)
  }

  close(reason: CloseReason, text = ''): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(CLOSE_CODES[reason], truncateReason(text))
    this.detach()
  }

  /** A token bucket: `burst` messages at once, refilled at `perSecond`. */
  private takeToken(): boolean {
    const now = Date.now()
    this.tokens = Math.min(
      this.rate.burst,
      this.tokens + ((now - this.refilledAt) / 1000) * this.rate.perSecond,
    )
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private detach(): void {
    this.closed = true
    this.room?.removeConnection(this)
  }

  private enqueue(bytes: Uint8Array): void {
    this.chain = this.chain
      .then(() => this.handle(bytes))
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'bad message')
        this.close('badMessage', 'The message could not be read')
      })
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    const room = this.room
    if (!room || this.closed || room.isDestroyed) return
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_TYPES.sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === 0) {
          await room.whenDurable()
          if (!this.closed && !room.isDestroyed)
            this.send(encodeSyncStep2(room.missingFor(payload)))
        } else if (step === 1 || step === 2) {
          const violation = room.receiveUpdate(this, payload)
          if (violation) this.reject(violation)
        } else {
          throw new Error(`unknown sync step ${step}`)
        }
        return
      }
      case MESSAGE_TYPES.awareness: {
        const update = decoding.readVarUint8Array(decoder)
        const foreign = foreignAwarenessClients(
          update,
          room.awareness,
          this.identity.userId,
          (id) => room.awarenessUserOf(id),
        )
        if (foreign.length > 0) {
          this.logger.info(
            { userId: this.identity.userId, foreign },
            'ignored presence for another client',
          )
          return
        }
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, this)
        return
      }
      case MESSAGE_TYPES.queryAwareness: {
        const clients = [...room.awareness.getStates().keys()]
        this.send(
          encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients)),
        )
        return
      }
      case MESSAGE_TYPES.auth:
        return
      default:
        throw new Error(`unknown message type ${type}`)
    }
  }
}

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
function truncateReason(text: string): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= 123) return text
  return (
    bytes
      .subarray(0, 120)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + '…'
  )
}
