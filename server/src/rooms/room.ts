import type { FastifyBaseLogger } from 'fastify'
import * as decoding from 'lib0/decoding'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { EditSource, RuleViolation } from '@tandem/shared'
import {
  checkUpdate,
  MESSAGE_TYPES,
  PlanDoc,
  readEditSources,
  trimDecodedArrays,
} from '@tandem/shared'
import type { LoggedUpdate, PlanLog, StoredPlanState } from '../store/plan-log.js'
import { EpochChangedError } from '../store/plan-log.js'
import type { Effect } from './change-capture.js'
import { ChangeCapture } from './change-capture.js'
import type { ChangeOrigin } from './change-origin.js'
import { FEED_ORIGIN, SERVER_ORIGIN, STORE_ORIGIN } from './change-origin.js'
import { ClientOwners, SYSTEM_AUTHOR } from './client-owners.js'
import { EditSourceLedger } from './edit-source-ledger.js'
import { DEFAULT_DISCUSSION_BYTES_PER_HOUR, DiscussionQuota } from './discussion-quota.js'
import { PeerFeed } from './peer-feed.js'
import { RoomEpoch } from './room-epoch.js'
import { RoomPresence } from './room-presence.js'
import type { PendingChange } from './room-log.js'
import { positionOf, RoomLog } from './room-log.js'
import type { RoomObserver } from './room-observer.js'
import type { RoomPeer } from './room-peer.js'
import type { SyncAnswerBudget } from './sync-answers.js'
import { DEFAULT_SYNC_ANSWER_BUDGET, SyncAnswers } from './sync-answers.js'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage } from './wire.js'

/**
 * How long a peer of a room whose stored state is not applied yet waits for the room's sync
 * step 1, when it does not ask first (the stock provider asks at once).
 */
const GREETING_WAIT_MS = 200

/** What a room needs of the store: the plan log, and its feed when the store is shared. */
export type RoomStore = Pick<
  PlanLog,
  'loadPlan' | 'appendUpdates' | 'compact' | 'changeEpoch' | 'feed'
>

/** Options a room takes from the server's configuration. */
export interface RoomOptions {
  store: RoomStore
  logger: FastifyBaseLogger
  /** Log entries before compaction is considered (it also needs the log to be a quarter of the snapshot's size). */
  compactAfter: number
  /** Quiet time after the last append before a due compaction runs; ten times compactAfter forces it. */
  compactIdleMs?: number
  /**
   * Overlay items (`overlayWeight`, overwritten values included) at which a due compaction
   * starts a new document epoch instead; 0 or absent: only on demand.
   */
  epochAfter?: number
  /** Told of accepted and rejected updates and of relays, for metrics. */
  observer?: RoomObserver
  /** Called once when the room has failed (a store error): its peers are closed already. */
  onFailed?: (room: Room) => void
  /** How often one user may have a sync step 2 encoded afresh. */
  syncAnswerBudget?: SyncAnswerBudget
  /** Bytes of comments and flags one user may write into the plan per hour; 0: no quota. */
  discussionBytesPerHour?: number
}

/**
 * One live plan: its document, awareness and peers. Every incoming update is checked, applied,
 * appended to the store with the others of the same tick (group commit), and only then relayed
 * and acknowledged with `saved`. The room decides which peer controls which presence entries.
 */
export class Room {
  private readonly capture = new ChangeCapture()
  /**
   * Yjs would collect the content of a value that lost to a concurrent write as soon as it is
   * integrated, so the update relayed to the winner's peers would no longer carry it; the room
   * keeps the contents of cell values that lose in the transaction that brings them (rare: only
   * at-once conflicts), so every peer learns both values and can tell its person.
   */
  private readonly ydoc = new Y.Doc({ gcFilter: this.capture.keeps })
  /**
   * The stored state, until it is applied to the document. A cold room answers newcomers with
   * these bytes as they are and applies them once those answers have left (applying a
   * 10,000 × 104 plan takes most of a second, which the newcomer's browser then spends decoding
   * the same bytes); anything else that needs the document applies them first.
   */
  private unapplied: StoredPlanState | undefined
  /** Peers that joined before the state was applied: greeted with sync step 1 once it is. */
  private readonly ungreeted = new Set<RoomPeer>()
  private applyScheduled = false
  /** Applies the stored state for peers that wait for the room's greeting before they ask. */
  private greetingTimer: NodeJS.Timeout | undefined
  private readonly members = new Set<RoomPeer>()
  private readonly presence: RoomPresence
  private readonly plan: PlanDoc
  private readonly owners: ClientOwners
  private readonly log: RoomLog
  private feed: PeerFeed | undefined
  private readonly answers: SyncAnswers
  private readonly discussionQuota: DiscussionQuota
  private readonly sources: EditSourceLedger
  private readonly epoch: RoomEpoch
  private destroyed = false

  private constructor(
    readonly planId: string,
    private readonly options: RoomOptions,
    state: StoredPlanState,
  ) {
    // What the epoch and the log read of the document has the stored state applied.
    const applied = () => this.doc
    this.presence = new RoomPresence(this.ydoc, this.members, options.logger)
    this.plan = new PlanDoc(this.ydoc)
    this.owners = ClientOwners.of(state)
    this.sources = new EditSourceLedger(this.ydoc, (client) => this.owners.ownerOf(client))
    this.answers = new SyncAnswers(
      this.ydoc,
      options.syncAnswerBudget ?? DEFAULT_SYNC_ANSWER_BUDGET,
    )
    this.capture.attach(this.plan, this.sources, {
      changed: (update) => this.answers.changed(update),
      documentChanged: () => this.options.observer?.documentChanged?.(this.planId, this.plan),
    })
    this.epoch = new RoomEpoch(
      {
        planId,
        get doc() {
          return applied()
        },
        logger: options.logger,
        epochAfter: options.epochAfter ?? 0,
        unavailable: () => this.log.isFailed || this.destroyed,
        destroyed: () => this.destroyed,
        left: () => {
          for (const peer of [...this.members])
            peer.close('epochChanged', 'The plan moved to a new document; reload it')
          this.options.onFailed?.(this)
        },
      },
      () => this.log,
    )
    this.unapplied = state
    this.discussionQuota = new DiscussionQuota(
      options.discussionBytesPerHour ?? DEFAULT_DISCUSSION_BYTES_PER_HOUR,
    )
    this.log = new RoomLog(
      {
        ...options,
        planId,
        get doc() {
          return applied()
        },
        owners: this.owners,
        appended: this.relay,
        failed: (error) => {
          if (error instanceof EpochChangedError) return this.epoch.leave()
          for (const peer of [...this.members])
            peer.close('internalError', 'The plan could not be saved')
          options.onFailed?.(this)
        },
        merge: (stored) => this.mergeStored(stored),
        epochDue: () => this.epoch.overgrown(),
        startEpoch: () => void this.epoch.startAutomatically(),
      },
      positionOf(state),
    )
  }

  /** The room's document, with the stored state applied. */
  get doc(): Y.Doc {
    this.applyStored()
    return this.ydoc
  }

  /**
   * Applies the stored state the room was loaded with, if not yet done, and greets the peers
   * that joined meanwhile. Every path that reads or changes the document calls it first.
   */
  private applyStored(): void {
    this.cancelGreeting()
    const state = this.unapplied
    if (!state || this.destroyed) return
    this.unapplied = undefined
    this.ydoc.transact(() => {
      Y.applyUpdate(this.ydoc, state.snapshot, STORE_ORIGIN)
      for (const { update } of state.updates) Y.applyUpdate(this.ydoc, update, STORE_ORIGIN)
    }, STORE_ORIGIN)
    trimDecodedArrays(this.ydoc)
    this.capture.captureUpdates()
    // Loading is the one change that leaves a known encoding of the whole plan: the snapshot.
    if (state.updates.length === 0) this.answers.knowWhole(state.snapshot)
    else this.answers.expectWhole(state.snapshot.byteLength)
    this.owners.claimRemaining(this.ydoc)
    // The server writes restores and imports under the room's own clientID: nobody else may.
    this.owners.claim(this.ydoc.clientID, SYSTEM_AUTHOR)
    const greeting = encodeSyncStep1(Y.encodeStateVector(this.ydoc))
    for (const peer of this.ungreeted) if (this.members.has(peer)) peer.send(greeting)
    this.ungreeted.clear()
  }

  private cancelGreeting(): void {
    clearTimeout(this.greetingTimer)
    this.greetingTimer = undefined
  }

  /**
   * Answers a newcomer (nothing in its state vector) of a room whose stored state is not applied
   * yet with the stored bytes: the log's updates first (they wait in the client until the
   * snapshot arrives), then the snapshot as sync step 2. The state is applied once every
   * such answer has left. Returns false when the room must apply the state and answer itself.
   */
  private answerFromStored(peer: RoomPeer, stateVector: Uint8Array): boolean {
    const state = this.unapplied
    if (!state || Y.decodeStateVector(stateVector).size > 0) return false
    peer.batch(() => {
      for (const { update } of state.updates) peer.send(encodeUpdateMessage(update))
      peer.send(encodeSyncStep2(state.snapshot))
    })
    const sent = [...this.members].map((member) => member.drained())
    this.cancelGreeting()
    if (!this.applyScheduled) {
      this.applyScheduled = true
      void Promise.all(sent).finally(() =>
        setImmediate(() => {
          this.applyScheduled = false
          this.applyStored()
        }),
      )
    }
    return true
  }

  /** Loads a plan's snapshot and log into a new room; undefined when the plan does not exist. */
  static async load(planId: string, options: RoomOptions): Promise<Room | undefined> {
    const state = await options.store.loadPlan(planId)
    if (!state) return undefined
    const room = new Room(planId, options, state)
    const { feed } = options.store
    if (feed) {
      try {
        room.feed = await PeerFeed.follow(feed, planId, positionOf(state), {
          // After the room's own appends in flight are counted: see RoomLog.afterSentAppends.
          entries: (entries) => room.log.afterSentAppends(() => room.receiveFeedEntries(entries)),
          reload: (stored) => room.log.afterSentAppends(() => room.mergeStored(stored)),
          awareness: (update) => room.presence.receiveFromFeed(update),
        })
        const following = room.feed
        room.presence.publish = (update) => following.publishAwareness(update)
      } catch (error) {
        await room.destroy()
        throw error
      }
    }
    return room
  }

  /** The peers in the room. */
  get peers(): ReadonlySet<RoomPeer> {
    return this.members
  }

  get isDestroyed(): boolean {
    return this.destroyed
  }

  get hasFailed(): boolean {
    return this.log.isFailed
  }

  /** The document epoch the room's document is of (`meta.documentEpoch`, kept by the store). */
  get documentEpoch(): number {
    return this.log.documentEpoch
  }

  /** The room's presence: who is here, and where. */
  get awareness(): Awareness {
    return this.presence.awareness
  }

  /**
   * Moves the plan to its next document epoch (`nextEpochDocument`): from now on no update is
   * applied or acknowledged; what is queued is made durable; the new document is written by the
   * store's compare-and-set; then every peer is closed with `epochChanged` and the room is
   * given up (`onFailed`), so the next connection loads the new document. Resolves with the
   * new epoch, or undefined when the store moved on first (the room is then given up too) or the
   * change could not be written.
   */
  startEpoch(): Promise<number | undefined> {
    this.applyStored()
    return this.epoch.start()
  }

  /** Adds a peer and greets it with sync step 1 and everyone's presence. */
  join(peer: RoomPeer): void {
    this.members.add(peer)
    if (this.unapplied) {
      // A client that waits for the room's sync step 1 before it sends its own is greeted
      // after a moment; a newcomer that asks first is answered from the stored bytes.
      this.ungreeted.add(peer)
      if (!this.greetingTimer && !this.applyScheduled)
        this.greetingTimer = setTimeout(() => this.applyStored(), GREETING_WAIT_MS)
    } else peer.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)))
    const everyone = this.presence.everyone()
    if (everyone) peer.send(everyone)
  }

  /** Removes a peer and the presence entries it controlled. */
  leave(peer: RoomPeer): void {
    this.ungreeted.delete(peer)
    if (!this.members.delete(peer)) return
    this.presence.left(peer)
  }

  /**
   * Handles one y-websocket message from a peer. Throws when the message cannot be read; the
   * peer then closes. Messages from one peer must be handled one at a time, in order. Resolves
   * with the number of cells an accepted update wrote (0 for anything else): what it cost.
   */
  async receive(peer: RoomPeer, message: Uint8Array): Promise<number> {
    if (this.destroyed || !this.members.has(peer)) return 0
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MESSAGE_TYPES.sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === 0) {
          await this.answerSyncStep1(peer, payload)
        } else if (step === 1 || step === 2) {
          const { violation, cells } = this.receiveUpdate(peer, payload)
          if (violation?.code === 'missingHistory' && step === 2) {
            // A live update on top of edits the room lacks: sent after a reconnect before the
            // peer answered the room's sync step 1, or after a failed append. Ask again; the
            // answer carries everything from the room's state on.
            peer.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)))
          } else if (violation) peer.rejected(violation)
          return cells
        } else {
          throw new Error(`unknown sync step ${step}`)
        }
        return 0
      }
      case MESSAGE_TYPES.awareness:
        this.presence.receive(peer, decoding.readVarUint8Array(decoder))
        return 0
      case MESSAGE_TYPES.queryAwareness:
        peer.send(this.presence.answerQuery())
        return 0
      case MESSAGE_TYPES.auth:
        return 0
      case MESSAGE_TYPES.editSources: {
        this.applyStored()
        const refused = this.sources.declare(peer.userId, readEditSources(decoder))
        if (refused > 0)
          this.options.logger.info({ userId: peer.userId, refused }, 'ignored edit sources')
        return 0
      }
      default:
        throw new Error(`unknown message type ${type}`)
    }
  }

  /**
   * Checks an update from a peer and, when it keeps the rules, applies it and queues it for the
   * next durable append, and returns the number of cells it wrote. Returns the violation
   * otherwise; nothing is applied then.
   */
  receiveUpdate(
    sender: RoomPeer,
    update: Uint8Array,
  ): { violation?: RuleViolation; cells: number } {
    if (this.log.isFailed || this.destroyed || this.epoch.changing) return { cells: 0 }
    this.applyStored()
    const { userId } = sender
    const verdict = checkUpdate(this.ydoc, update, {
      role: sender.role,
      sites: sender.sites,
      userId,
      ownsClient: (client) => (this.owners.ownerOf(client) ?? userId) === userId,
    })
    if (!verdict.ok) {
      this.options.observer?.updateRejected(verdict.violation.code)
      return { violation: verdict.violation, cells: 0 }
    }
    const overQuota = this.discussionQuota.charge(userId, verdict.discussion)
    if (overQuota) {
      this.options.observer?.updateRejected(overQuota.code)
      return { violation: overQuota, cells: 0 }
    }
    for (const client of verdict.clients) this.owners.claim(client, userId)
    const origin: ChangeOrigin = { kind: 'peer', peer: sender }
    let effect: Effect
    try {
      effect = this.capture.apply(() => Y.applyUpdate(this.ydoc, verdict.update, origin))
    } catch (error) {
      this.log.abandon(error)
      return { cells: 0 }
    }
    // Held-back structs would land later, unchecked, and the live document would hold what was
    // never stored: start again from the store instead.
    if (this.ydoc.store.pendingStructs || this.ydoc.store.pendingDs) {
      this.log.abandon(new Error('an accepted update left pending structs'))
      return { cells: 0 }
    }
    if (effect.update) this.options.observer?.updateAccepted()
    this.log.queue({ ...effect, sender, author: userId })
    this.sources.prune()
    return { cells: effect.cells.length }
  }

  /**
   * Makes a change on the server's own behalf (a restore, an import) as one transaction,
   * stored under `author` and relayed to every peer like any accepted update. Resolves once it
   * is durable, with the number of cells it wrote.
   */
  async change(
    author: string,
    edit: (plan: PlanDoc) => void,
    source: EditSource = 'grid',
  ): Promise<number> {
    if (this.log.isFailed || this.destroyed || this.epoch.changing)
      throw new Error(`Plan ${this.planId} is not available`)
    this.applyStored()
    const effect = this.capture.apply(
      () => this.ydoc.transact(() => edit(this.plan), SERVER_ORIGIN),
      source,
    )
    this.log.queue({ ...effect, sender: undefined, author })
    await this.whenDurable()
    if (this.log.isFailed) throw new Error(`Plan ${this.planId} could not be saved`)
    return effect.cells.length
  }

  /**
   * What a client with state vector `stateVector` is missing, once what was applied is durable.
   * Answers are cached per document state (`SyncAnswers`); a user whose requests need fresh
   * encodings faster than their budget waits for their turn, or is closed with 4429.
   */
  private async answerSyncStep1(peer: RoomPeer, stateVector: Uint8Array): Promise<void> {
    await this.whenDurable()
    if (this.destroyed || !this.members.has(peer)) return
    if (this.answerFromStored(peer, stateVector)) return
    this.applyStored()
    const turn = this.answers.turn(peer.userId, stateVector)
    if (turn.kind === 'refused') {
      peer.close('rateLimited', 'Too many sync requests for this plan; wait a moment')
      return
    }
    if (turn.kind === 'wait') {
      await new Promise((resolve) => setTimeout(resolve, turn.ms))
      await this.whenDurable()
      if (this.destroyed || !this.members.has(peer)) return
    }
    const answer = this.answers.answer(peer.userId, stateVector, turn.prepaid)
    peer.batch(() => {
      for (const update of answer.updates) peer.send(encodeUpdateMessage(update))
      peer.send(encodeSyncStep2(answer.step2))
    })
  }

  /** Sync step 2 answers encoded afresh rather than served from the cache, and their bytes. */
  get freshSyncAnswers(): { count: number; bytes: number } {
    return this.answers.freshEncodings
  }

  /** The user whose peer set a presence entry, if it was set through this instance. */
  awarenessUserOf(clientId: number): string | undefined {
    return this.presence.userOf(clientId)
  }

  /** Resolves once every update applied so far is durable. */
  whenDurable(): Promise<void> {
    return this.log.whenDurable()
  }

  /** Stops the room: no more updates are taken, and its document and awareness are released. */
  async destroy(): Promise<void> {
    if (this.destroyed) return
    await this.whenDurable()
    this.destroyed = true
    this.cancelGreeting()
    this.log.stop()
    await this.feed?.stop()
    this.presence.destroy()
    this.ydoc.destroy()
  }

  /**
   * Entries another instance appended to this plan's log (and this instance's own, which the
   * feed also returns): applied here and relayed to this room's peers.
   */
  private receiveFeedEntries(entries: LoggedUpdate[]): void {
    if (this.destroyed) return
    this.applyStored()
    for (const { seq, update, author } of entries) {
      if (!this.log.followed(seq, update.byteLength)) continue
      this.owners.claimUpdate(update, author)
      const { update: effective } = this.capture.apply(() =>
        Y.applyUpdate(this.ydoc, update, FEED_ORIGIN),
      )
      if (!effective) continue
      const message = encodeUpdateMessage(effective)
      for (const peer of this.members) peer.send(message)
    }
  }

  /**
   * Merges a stored state into the live document: after a gap in the feed (a compaction trimmed
   * entries this room had not read) or when another instance compacted first. Yjs merges without
   * loss, so the room's unsaved changes stay; what the store adds is relayed to the peers.
   */
  private mergeStored(state: StoredPlanState): void {
    if (this.destroyed) return
    if (state.documentEpoch !== this.documentEpoch) return this.epoch.leave()
    this.applyStored()
    this.owners.claimStored(state)
    const { update } = this.capture.apply(() =>
      this.ydoc.transact(() => {
        Y.applyUpdate(this.ydoc, state.snapshot, FEED_ORIGIN)
        for (const entry of state.updates) Y.applyUpdate(this.ydoc, entry.update, FEED_ORIGIN)
      }, FEED_ORIGIN),
    )
    this.log.reloaded(state)
    if (!update) return
    const message = encodeUpdateMessage(update)
    for (const peer of this.members) peer.send(message)
  }

  /** After an append: each change goes to every peer but its sender, and senders get `saved`. */
  private readonly relay = (batch: PendingChange[], durable: Uint8Array): void => {
    const messages = batch.flatMap(({ update, sender }) =>
      update ? [{ message: encodeUpdateMessage(update), sender }] : [],
    )
    const senders = new Set(batch.map(({ sender }) => sender))
    let relayed = 0
    for (const peer of [...this.members]) {
      peer.batch(() => {
        for (const { message, sender } of messages) {
          if (sender === peer) continue
          peer.send(message)
          relayed++
        }
        if (senders.has(peer)) peer.saved(durable)
      })
    }
    if (relayed > 0) this.options.observer?.relayed(relayed)
  }
}

export { SYSTEM_AUTHOR } from './client-owners.js'
