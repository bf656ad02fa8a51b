import type { FastifyBaseLogger } from 'fastify'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { RuleViolation } from '@tandem/shared'
import { checkUpdate, PlanDoc } from '@tandem/shared'
import type { CellChange, PlanStore } from '../store/plan-store.js'
import type { ChangeOrigin } from '../sync/origin.js'
import type { SyncConnection } from '../sync/sync-connection.js'
import { encodeAwarenessMessage, encodeUpdateMessage } from '../sync/wire.js'
import { changedCells } from './changed-cells.js'

/** Options a room takes from the server's configuration. */
export interface RoomOptions {
  store: PlanStore
  logger: FastifyBaseLogger
  compactAfter: number
}

interface PendingUpdate {
  /** The effective change, as the document encoded it; null when the update added nothing. */
  update: Uint8Array | null
  /** The connection it came from, or null for a change the server made itself. */
  sender: SyncConnection | null
  author: string
  cells: CellChange[]
}

/** The author of content the server wrote itself (plan creation, imports). */
export const SYSTEM_AUTHOR = '@system'

/** A room's clientID owners: each Yjs clientID is bound to the first user who wrote with it. */
type Owners = Map<number, string>

/**
 * One live plan: its document, awareness and connections. Every incoming update is checked,
 * applied, appended to the store with the others of the same tick (group commit), and only
 * then relayed and acknowledged with `saved`.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<SyncConnection>()
  private pending: PendingUpdate[] = []
  private flushChain: Promise<void> = Promise.resolve()
  private flushScheduled = false
  private captured: Uint8Array | null = null
  private capturedCells: CellChange[] = []
  private readonly plan: PlanDoc
  private logLength: number
  private lastSeq: string | undefined
  private compacting = false
  private failed = false
  private destroyed = false

  private constructor(
    readonly planId: string,
    private readonly options: RoomOptions,
    logLength: number,
    lastSeq: string | undefined,
    private readonly owners: Owners,
  ) {
    this.logLength = logLength
    this.lastSeq = lastSeq
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.plan = new PlanDoc(this.doc)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (isChange(origin)) this.captured = update
    })
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (isChange(transaction.origin)) this.capturedCells = changedCells(this.plan, transaction)
    })
    this.awareness.on('update', this.relayAwareness)
  }

  /** Loads a plan's snapshot and log into a new room; undefined when the plan does not exist. */
  static async load(planId: string, options: RoomOptions): Promise<Room | undefined> {
    const state = await options.store.loadPlan(planId)
    if (!state) return undefined
    const owners: Owners = new Map(
      Object.entries(state.clientOwners).map(([client, user]) => [Number(client), user]),
    )
    for (const { update, author } of state.updates) {
      for (const client of Y.parseUpdateMeta(update).from.keys())
        if (!owners.has(client)) owners.set(client, author)
    }
    const room = new Room(planId, options, state.updates.length, state.updates.at(-1)?.seq, owners)
    const origin: ChangeOrigin = { kind: 'store' }
    room.doc.transact(() => {
      Y.applyUpdate(room.doc, state.snapshot, origin)
      for (const { update } of state.updates) Y.applyUpdate(room.doc, update, origin)
    }, origin)
    for (const client of room.doc.store.clients.keys())
      if (!owners.has(client)) owners.set(client, SYSTEM_AUTHOR)
    return room
  }

  get isDestroyed(): boolean {
    return this.destroyed
  }

  /**
   * Checks an update from a connection and, when it keeps the rules, applies it and queues it
   * for the next durable append. Returns the violation otherwise; nothing is applied then.
   */
  receiveUpdate(sender: SyncConnection, update: Uint8Array): RuleViolation | undefined {
    if (this.failed || this.destroyed) return undefined
    const userId = sender.identity.userId
    const verdict = checkUpdate(this.doc, update, {
      role: sender.role,
      userId,
      ownsClient: (client) => (this.owners.get(client) ?? userId) === userId,
    })
    if (!verdict.ok) return verdict.violation
    for (const client of verdict.clients)
      if (!this.owners.has(client)) this.owners.set(client, userId)
    this.captured = null
    this.capturedCells = []
    const origin: ChangeOrigin = { kind: 'remote', connection: sender }
    Y.applyUpdate(this.doc, update, origin)
    this.pending.push({ update: this.captured, sender, author: userId, cells: this.capturedCells })
    this.captured = null
    this.capturedCells = []
    this.scheduleFlush()
    return undefined
  }

  /**
   * Makes a change on the server's own behalf (a restore, an import) as one transaction,
   * stored under `author` and relayed to every connection like any accepted update. Resolves
   * once it is durable.
   */
  async change(author: string, edit: (plan: PlanDoc) => void): Promise<number> {
    if (this.failed || this.destroyed) throw new Error(`Plan ${this.planId} is not available`)
    this.captured = null
    this.capturedCells = []
    const origin: ChangeOrigin = { kind: 'local' }
    this.doc.transact(() => edit(this.plan), origin)
    const cells = this.capturedCells
    this.pending.push({ update: this.captured, sender: null, author, cells })
    this.captured = null
    this.capturedCells = []
    await this.whenDurable()
    if (this.failed) throw new Error(`Plan ${this.planId} could not be saved`)
    return cells.length
  }

  /** Resolves once every update applied so far is durable. */
  whenDurable(): Promise<void> {
    if (this.pending.length > 0) this.scheduleFlush()
    return this.flushChain
  }

  addConnection(connection: SyncConnection): void {
    this.connections.add(connection)
  }

  /** Removes a connection and the awareness states it controlled. */
  removeConnection(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return
    const clients = [...connection.awarenessClients]
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, clients, null)
  }

  /** Stops the room: no more updates are taken, and its document and awareness are released. */
  async destroy(): Promise<void> {
    if (this.destroyed) return
    await this.whenDurable()
    this.destroyed = true
    this.awareness.off('update', this.relayAwareness)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    this.flushChain = this.flushChain.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            this.flushScheduled = false
            this.flush().then(resolve, resolve)
          }),
        ),
    )
  }

  private async flush(): Promise<void> {
    const batch = this.pending
    this.pending = []
    if (batch.length === 0 || this.failed) return
    const stateVector = Y.encodeStateVector(this.doc)
    const entries = batch.flatMap(({ update, author, cells }) =>
      update ? [{ update, author, cells }] : [],
    )
    try {
      if (entries.length > 0) {
        const seqs = await this.options.store.appendUpdates(this.planId, entries)
        this.lastSeq = seqs.at(-1)
        this.logLength += seqs.length
      }
    } catch (error) {
      this.fail(error)
      return
    }
    for (const { update, sender } of batch) {
      if (!update) continue
      const message = encodeUpdateMessage(update)
      for (const connection of this.connections) if (connection !== sender) connection.send(message)
    }
    const senders = new Set(batch.map((entry) => entry.sender))
    for (const sender of senders) sender?.sendSaved(stateVector)
    if (this.logLength >= this.options.compactAfter && !this.compacting) void this.compact()
  }

  /** Rebuilds the snapshot from the live document (never mergeUpdates) and trims the log. */
  private async compact(): Promise<void> {
    const throughSeq = this.lastSeq
    if (!throughSeq || this.pending.length > 0) return
    this.compacting = true
    const covered = this.logLength
    try {
      const owners = Object.fromEntries(
        [...this.owners].map(([client, user]) => [String(client), user]),
      )
      await this.options.store.compact(
        this.planId,
        Y.encodeStateAsUpdate(this.doc),
        throughSeq,
        owners,
      )
      this.logLength -= covered
      this.options.logger.info({ planId: this.planId, entries: covered }, 'plan compacted')
    } catch (error) {
      this.options.logger.error({ planId: this.planId, err: error }, 'compaction failed')
    } finally {
      this.compacting = false
    }
  }

  private fail(error: unknown): void {
    this.failed = true
    this.options.logger.error(
      { planId: this.planId, err: error },
      'store append failed; closing room',
    )
    for (const connection of this.connections)
      connection.close('internalError', 'The plan could not be saved')
  }

  private readonly relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    if (isConnection(origin)) {
      for (const id of [...added, ...updated]) origin.awarenessClients.add(id)
      for (const id of removed) origin.awarenessClients.delete(id)
    }
    const message = encodeAwarenessMessage(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    )
    for (const connection of this.connections) connection.send(message)
  }

  get hasFailed(): boolean {
    return this.failed
  }
}

function isConnection(origin: unknown): origin is SyncConnection {
  return typeof origin === 'object' && origin !== null && 'awarenessClients' in origin
}

/** A change to keep: from a connection or made by the server, not one loaded from the store. */
function isChange(origin: unknown): boolean {
  return typeof origin === 'object' && origin !== null && (origin as ChangeOrigin).kind !== 'store'
}
