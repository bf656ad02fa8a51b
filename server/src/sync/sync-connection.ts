import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import type { CloseReason, ExtensionMessage, Role, RuleViolation, SocketRate } from '@tandem/shared'
import {
  CLOSE_CODES,
  DEFAULT_SOCKET_RATE,
  encodeExtensionMessage,
  MESSAGE_TYPES,
} from '@tandem/shared'
import type { Room } from '../rooms/room.js'
import type { RoomPeer } from '../rooms/room-peer.js'
import { TokenBucket } from '../rooms/token-bucket.js'
import type { UserUpdateBudget } from './update-budgets.js'

/** Who is on the other end of a socket, as far as this connection knows. */
export interface ConnectionIdentity {
  userId: string
  role: Role
  /** The sites the role is scoped to in the plan; undefined for every site. */
  sites?: readonly string[]
  /** The session version of the token the socket was opened with. */
  sessionVersion: number
  name: string
  /** The client asked for extension messages (`?ext=1`). */
  extensions: boolean
}

/** What a connection is allowed, besides its identity. */
export interface ConnectionLimits {
  /**
   * Messages other than updates per second a connection may send on average, and in a burst;
   * more closes it with 4429. Updates are counted by what they cost, in `updates`.
   */
  rate: SocketRate
  /**
   * The user's update budget (bytes and cells, shared by their sockets on this instance). An
   * update waits until it is out of debt; while updates wait, more than `backlogBytes` of them
   * queued closes the socket with 4431. None: updates are not limited.
   */
  updates?: UserUpdateBudget
  backlogBytes: number
  /**
   * Presence (awareness) messages per second and in a burst. Beyond it the latest one is held
   * and passed on when the budget allows, replacing any held before: presence is a state, so
   * only the last one matters, and each one is relayed to every peer of the plan.
   */
  presence: SocketRate
  /**
   * Bytes a client may have waiting: sent before its room has loaded, or not yet handled (a
   * sync step 1 waiting for its turn holds the messages behind it). More closes it with 1013.
   */
  maxPendingBytes: number
}

/** The byte stream under the socket, to send one flush's messages in one system call. */
export interface CorkableStream {
  cork(): void
  uncork(): void
}

/** Bytes buffered for a slow receiver before it is closed with 1013. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024
/** How often, and for how long at most, `drained` looks at what the socket still holds. */
const DRAIN_POLL_MS = 5
const DRAIN_WAIT_MS = 10_000

/** Bytes a client may send while its room loads (twice the default largest message). */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024

/** Presence messages a connection may send: 20 at once, then 10 a second (coalesced beyond). */
export const DEFAULT_PRESENCE_RATE: Readonly<SocketRate> = { perSecond: 10, burst: 20 }

const DEFAULT_LIMITS: ConnectionLimits = {
  rate: DEFAULT_SOCKET_RATE,
  presence: DEFAULT_PRESENCE_RATE,
  maxPendingBytes: MAX_PENDING_BYTES,
  backlogBytes: MAX_PENDING_BYTES,
}

/**
 * One WebSocket speaking the y-websocket protocol to one room, as the room's peer. Messages
 * that arrive before the room is attached are buffered (up to `maxPendingBytes`) and replayed,
 * so the first sync step is never lost.
 */
export class SyncConnection implements RoomPeer {
  private room: Room | undefined
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private closed = false
  private chain: Promise<void> = Promise.resolve()
  private queuedBytes = 0
  private readonly limits: ConnectionLimits
  private tokens: number
  private alive = true
  private refilledAt = Date.now()
  private readonly presence: TokenBucket
  private heldPresence: Uint8Array | undefined
  private presenceTimer: NodeJS.Timeout | undefined
  /** An update is waiting for the user's budget. */
  private throttled = false

  constructor(
    private readonly socket: WebSocket,
    readonly identity: ConnectionIdentity,
    private readonly logger: FastifyBaseLogger,
    limits: Partial<ConnectionLimits> = {},
    private readonly stream?: CorkableStream,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
    this.tokens = this.limits.rate.burst
    this.presence = new TokenBucket(this.limits.presence.burst, this.limits.presence.perSecond)
    socket.binaryType = 'nodebuffer'
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.closed) return
      if (!isUpdateMessage(data) && !this.takeToken()) {
        this.close('rateLimited', `More than ${this.limits.rate.perSecond} messages per second`)
        return
      }
      if (!isBinary && data.length === 0) return
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      if (bytes[0] === MESSAGE_TYPES.awareness && !this.presence.tryTake()) this.holdPresence(bytes)
      else this.deliver(bytes)
    })
    socket.on('pong', () => (this.alive = true))
    socket.on('close', () => this.detach())
    socket.on('error', (error) => this.logger.debug({ err: error }, 'socket error'))
  }

  get userId(): string {
    return this.identity.userId
  }

  get role(): Role {
    return this.identity.role
  }

  get sites(): readonly string[] | undefined {
    return this.identity.sites
  }

  get sessionVersion(): number {
    return this.identity.sessionVersion
  }

  get isOpen(): boolean {
    return !this.closed
  }

  /** Joins the room (which greets the client with sync step 1) and replays what arrived meanwhile. */
  attach(room: Room): void {
    if (this.closed) return
    this.room = room
    room.join(this)
    const pending = this.pending
    this.pending = []
    this.pendingBytes = 0
    for (const bytes of pending) this.enqueue(bytes)
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close('tryAgainLater', 'Receiving too slowly')
      return
    }
    this.socket.send(message)
  }

  async drained(): Promise<void> {
    const deadline = Date.now() + DRAIN_WAIT_MS
    while (!this.closed && this.socket.bufferedAmount > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS))
  }

  batch(write: () => void): void {
    this.stream?.cork()
    try {
      write()
    } finally {
      this.stream?.uncork()
    }
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

  saved(stateVector: Uint8Array): void {
    if (this.identity.extensions) this.send(encodeExtensionMessage({ type: 'saved', stateVector }))
  }

  notify(message: ExtensionMessage): void {
    if (this.identity.extensions) this.send(encodeExtensionMessage(message))
  }

  /** Tells the sender why its update was refused, then closes so it resyncs from the server. */
  rejected(violation: RuleViolation): void {
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

  private deliver(bytes: Uint8Array): void {
    if (this.room) this.enqueue(bytes)
    else this.hold(bytes)
  }

  /** Keeps the latest presence message beyond the presence rate until the budget allows it. */
  private holdPresence(bytes: Uint8Array): void {
    this.heldPresence = bytes
    this.presenceTimer ??= setTimeout(() => {
      this.presenceTimer = undefined
      const held = this.heldPresence
      this.heldPresence = undefined
      if (!held || this.closed) return
      if (this.presence.tryTake()) this.deliver(held)
      else this.holdPresence(held)
    }, Math.ceil(this.presence.wouldWaitMs()))
  }

  /** Keeps a message until the room is attached, within the pre-room byte cap. */
  private hold(bytes: Uint8Array): void {
    this.pendingBytes += bytes.byteLength
    if (this.pendingBytes > this.limits.maxPendingBytes) {
      this.pending = []
      this.close('tryAgainLater', 'Too much sent while the plan was loading')
      return
    }
    this.pending.push(bytes)
  }

  /** A token bucket: `burst` messages at once, refilled at `perSecond`. */
  private takeToken(): boolean {
    const { perSecond, burst } = this.limits.rate
    const now = Date.now()
    this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * perSecond)
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private detach(): void {
    this.limits.updates?.release()
    this.closed = true
    clearTimeout(this.presenceTimer)
    this.heldPresence = undefined
    this.room?.leave(this)
  }

  private enqueue(bytes: Uint8Array): void {
    this.queuedBytes += bytes.byteLength
    if (this.throttled && this.queuedBytes > this.limits.backlogBytes) {
      this.logger.info(
        { userId: this.identity.userId, queuedBytes: this.queuedBytes },
        'closing a socket whose updates are far over budget',
      )
      this.close(
        'overBudget',
        `Sending changes faster than this server takes them (${this.queuedBytes} bytes waiting)`,
      )
      return
    }
    if (this.queuedBytes > this.limits.maxPendingBytes) {
      this.close('tryAgainLater', 'Sending faster than the plan can take')
      return
    }
    this.chain = this.chain
      .then(() => this.handle(bytes))
      .finally(() => (this.queuedBytes -= bytes.byteLength))
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'bad message')
        this.close('badMessage', 'The message could not be read')
      })
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    if (this.closed || !this.room || this.room.isDestroyed) return
    const budget = this.limits.updates
    if (!budget || !isUpdateMessage(bytes)) {
      await this.room.receive(this, bytes)
      return
    }
    // Slow the sender down rather than close it: this update and what follows it wait their
    // turn, and what the socket sends meanwhile queues, up to `backlogBytes`.
    for (let wait = budget.waitMs(bytes.byteLength); wait > 0;) {
      this.throttled = true
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)))
      if (this.closed || !this.room || this.room.isDestroyed) return
      wait = budget.waitMs(bytes.byteLength)
    }
    this.throttled = false
    const cells = await this.room.receive(this, bytes)
    budget.charge(bytes.byteLength, cells)
  }
}

/** A sync step 2 (type 0, step 1) or update (step 2) message: counted by cost, not by number. */
function isUpdateMessage(bytes: Uint8Array): boolean {
  return bytes[0] === MESSAGE_TYPES.sync && (bytes[1] === 1 || bytes[1] === 2)
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
