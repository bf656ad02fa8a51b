import type { FastifyBaseLogger } from 'fastify'
import * as Y from 'yjs'
import { compareLogSeqs, isAfter } from '../store/compare-log-seqs.js'
import type {
  CellChange,
  ClientOwners as OwnerRecord,
  PlanLog,
  StoredPlanState,
} from '../store/plan-log.js'
import type { EpochDocument } from '@tandem/shared'
import type { ClientOwners } from './client-owners.js'
import type { RoomPeer } from './room-peer.js'

/** An applied change waiting for the next append. */
export interface PendingChange {
  /** The effective change, as the document encoded it; null when the update added nothing. */
  update: Uint8Array | null
  /** The peer it came from, or undefined for a change the server made itself. */
  sender: RoomPeer | undefined
  author: string
  cells: CellChange[]
}

/** How much log a loaded plan has, and where it ends. */
export interface LogPosition {
  entries: number
  bytes: number
  snapshotBytes: number
  lastSeq: string | undefined
}

/** The log position of a stored state, and the snapshot it was built on. */
export function positionOf(
  state: StoredPlanState,
): LogPosition & { epoch: number; documentEpoch: number } {
  return {
    entries: state.updates.length,
    bytes: state.updates.reduce((sum, { update }) => sum + update.byteLength, 0),
    snapshotBytes: state.snapshot.byteLength,
    lastSeq: state.updates.at(-1)?.seq ?? state.compactedThrough,
    epoch: state.snapshotEpoch,
    documentEpoch: state.documentEpoch,
  }
}

/** What a room's log needs from the room. */
export interface RoomLogOptions {
  planId: string
  store: Pick<PlanLog, 'appendUpdates' | 'compact' | 'changeEpoch' | 'loadPlan' | 'feed'>
  logger: FastifyBaseLogger
  /** Log entries before compaction is considered (it also needs the log to be a quarter of the snapshot's size). */
  compactAfter: number
  /** Quiet time after the last append before a due compaction runs; ten times compactAfter forces it. */
  compactIdleMs?: number
  /**
   * Asked when a compaction is due: true when the document has grown so that a new document
   * epoch should replace the compaction (`startEpoch` is then called instead).
   */
  epochDue?: () => boolean
  /** Starts the next document epoch; called outside the compaction, which it waits for. */
  startEpoch?: () => void
  doc: Y.Doc
  owners: ClientOwners
  /** Called after each append, with the batch in order and the state vector now durable. */
  appended(batch: PendingChange[], durable: Uint8Array): void
  /** Called once, when an append failed: the log takes nothing more. */
  failed(error: unknown): void
  /**
   * Applies a stored state into the live document (and relays what it adds), then calls
   * `reloaded`: another instance compacted first, and its snapshot may hold what this room lacks.
   */
  merge(state: StoredPlanState): void
}

/**
 * A room's side of the plan log: changes queued in one tick are appended in one write (group
 * commit); it counts the log it covers, tells its own appends from other instances', and
 * compacts the log into a snapshot when it has grown.
 */
export class RoomLog {
  private pending: PendingChange[] = []
  private chain: Promise<void> = Promise.resolve()
  private scheduled = false
  private position: LogPosition
  /** The epoch of the stored snapshot the live document contains. */
  private epoch: number
  /** With a shared store: the log position up to which every entry is applied here. */
  private followedSeq: string | undefined
  /** Sequence numbers this room appended that the feed has not delivered back yet. */
  private readonly ownSeqs = new Set<string>()
  /** Appends sent to the store, and those whose answer has been counted (in order). */
  private appendsSent = 0
  private appendsCounted = 0
  /** Feed deliveries waiting for the appends that were sent before they arrived. */
  private readonly waitingForAppends: { after: number; run: () => void }[] = []
  private compactTimer: NodeJS.Timeout | undefined
  private compacting = false
  private compaction: Promise<void> = Promise.resolve()
  /** The document epoch the live document is of; every append is guarded by it. */
  readonly documentEpoch: number
  private stopped = false
  private hasFailed = false

  constructor(
    private readonly options: RoomLogOptions,
    loaded: LogPosition & { epoch: number; documentEpoch: number },
  ) {
    const { epoch, documentEpoch, ...position } = loaded
    this.position = position
    this.epoch = epoch
    this.documentEpoch = documentEpoch
    this.followedSeq = loaded.lastSeq
  }

  get isFailed(): boolean {
    return this.hasFailed
  }

  /** Queues an applied change for the next append. */
  queue(change: PendingChange): void {
    this.pending.push(change)
    this.schedule()
  }

  /** Resolves once every change queued so far is durable (or the log failed). */
  whenDurable(): Promise<void> {
    if (this.pending.length > 0) this.schedule()
    return this.chain
  }

  /**
   * Runs `delivery` (what the feed handed the room) once every append sent before now has been
   * answered and counted, in the order deliveries arrive. The store may tell the feed of an
   * append before it answers the append (Redis publishes from the append script): this room's
   * own entries must be known as its own before the feed hands them back, or the room would
   * apply them again and count them twice.
   */
  afterSentAppends(delivery: () => void): void {
    if (this.appendsCounted === this.appendsSent && this.waitingForAppends.length === 0) {
      delivery()
      return
    }
    this.waitingForAppends.push({ after: this.appendsSent, run: delivery })
  }

  private countedAppend(): void {
    this.appendsCounted++
    while (this.waitingForAppends.length > 0) {
      const next = this.waitingForAppends[0]
      if (next.after > this.appendsCounted) return
      this.waitingForAppends.shift()
      next.run()
    }
  }

  /**
   * An entry the feed delivered, in log order: false when this room appended it itself (it is
   * applied and counted already), true when it is another instance's and is now counted.
   */
  followed(seq: string, bytes: number): boolean {
    if (!isAfter(seq, this.followedSeq)) return false
    this.followedSeq = seq
    if (this.ownSeqs.delete(seq)) return false
    this.position.entries++
    this.position.bytes += bytes
    return true
  }

  /**
   * The live document now contains `state` (the room merged it after a gap in the feed, or
   * after another instance's compaction): count the log from there.
   */
  reloaded(state: StoredPlanState): void {
    const { epoch, entries, bytes, snapshotBytes, lastSeq } = positionOf(state)
    const position = { entries, bytes, snapshotBytes, lastSeq }
    this.epoch = epoch
    this.position = { ...position, lastSeq: this.latest(this.position.lastSeq, position.lastSeq) }
    this.followedSeq = this.latest(this.followedSeq, position.lastSeq)
    for (const seq of this.ownSeqs) if (!isAfter(seq, this.followedSeq)) this.ownSeqs.delete(seq)
  }

  private latest(a: string | undefined, b: string | undefined): string | undefined {
    if (a === undefined || b === undefined) return a ?? b
    return compareLogSeqs(a, b) >= 0 ? a : b
  }

  /**
   * Writes the next document epoch: compaction stops, what is queued is made durable, then
   * `build` encodes the new document from the live one and the store's compare-and-set writes
   * it. When the log holds entries the live document lacks (another instance's), the stored
   * state is merged and the change built again. Resolves with the new epoch, or undefined when
   * it was not written (the store moved to another epoch first, or failed). The caller takes no
   * update meanwhile.
   */
  async changeEpoch(build: () => EpochDocument, owners: OwnerRecord): Promise<number | undefined> {
    const { planId, store, logger } = this.options
    clearTimeout(this.compactTimer)
    this.stopped = true
    await this.compaction
    await this.whenDurable()
    for (let attempt = 0; attempt < 5 && !this.hasFailed; attempt++) {
      const throughSeq = store.feed !== undefined ? this.followedSeq : this.position.lastSeq
      const next = build()
      const result = await store.changeEpoch(planId, {
        snapshot: next.update,
        throughSeq,
        clientOwners: { ...this.options.owners.toRecord(), ...owners },
        basedOnEpoch: this.epoch,
        documentEpoch: next.epoch,
      })
      if (result.written) {
        this.hasFailed = true
        logger.info(
          { planId, documentEpoch: next.epoch, bytes: next.update.byteLength },
          'plan moved to a new document epoch',
        )
        return next.epoch
      }
      const state = await store.loadPlan(planId)
      if (!state || this.hasFailed) return undefined
      this.options.merge(state)
      if (state.documentEpoch !== this.documentEpoch) return undefined
    }
    this.stopped = this.hasFailed
    return undefined
  }

  /** Stops compaction; pending appends still complete through `whenDurable`. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.compactTimer)
  }

  /**
   * Group commit, pipelined: the changes of one tick go to the store at the next turn of the
   * event loop as one append, without waiting for the append before it to be answered (the
   * store answers appends in the order they were sent). What follows an answer (counting,
   * relaying, `saved`) still runs in order, on `chain`.
   */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    const sent = new Promise<() => Promise<void>>((resolve) =>
      setImmediate(() => {
        this.scheduled = false
        resolve(this.send())
      }),
    )
    this.chain = this.chain.then(() => sent).then((finish) => finish().catch(() => undefined))
  }

  /**
   * Gives the room up: nothing queued is appended or relayed, and the room's peers are closed,
   * so they reconnect to a fresh room loaded from what is durable (and resend what was lost).
   */
  abandon(error: unknown, report = true): void {
    if (this.hasFailed && report) return
    this.hasFailed = true
    this.pending = []
    this.stop()
    if (!report) return
    this.options.logger.error(
      { planId: this.options.planId, err: error },
      'live document diverged from the store; closing room',
    )
    this.options.failed(error)
  }

  /**
   * Takes what is queued and sends it to the store at once; the returned step, run in order
   * after the steps before it, waits for the answer and then counts, relays and acknowledges.
   */
  private send(): () => Promise<void> {
    const batch = this.pending
    this.pending = []
    if (batch.length === 0 || this.hasFailed) return () => Promise.resolve()
    const durable = Y.encodeStateVector(this.options.doc)
    const entries = batch.flatMap(({ update, author, cells }) =>
      update ? [{ update, author, cells }] : [],
    )
    const appending =
      entries.length > 0
        ? this.options.store.appendUpdates(this.options.planId, entries, {
            documentEpoch: this.documentEpoch,
          })
        : Promise.resolve([])
    this.appendsSent++
    // Answered before its turn: nothing is lost by waiting, but the rejection must not go unseen.
    appending.catch(() => undefined)
    return () => this.finish(batch, entries, appending, durable)
  }

  private async finish(
    batch: PendingChange[],
    entries: { update: Uint8Array }[],
    appending: Promise<string[]>,
    durable: Uint8Array,
  ): Promise<void> {
    try {
      const seqs = await appending
      // An earlier append failed: this one may be stored, but the room no longer relays.
      if (this.hasFailed) return
      if (seqs.length > 0) {
        this.position.lastSeq = seqs.at(-1)
        this.position.entries += seqs.length
        for (const { update } of entries) this.position.bytes += update.byteLength
        // An entry the feed is already past (a reload brought it) will not come back.
        if (this.options.store.feed)
          for (const seq of seqs) if (isAfter(seq, this.followedSeq)) this.ownSeqs.add(seq)
      }
    } catch (error) {
      if (this.hasFailed) return
      this.hasFailed = true
      this.waitingForAppends.length = 0
      this.options.logger.error(
        { planId: this.options.planId, err: error },
        'store append failed; closing room',
      )
      this.options.failed(error)
      return
    }
    this.options.appended(batch, durable)
    this.countedAppend()
    this.considerCompaction()
  }

  /**
   * Compaction is due once the log has `compactAfter` entries and a quarter of the snapshot's
   * size, and runs after a quiet moment so it does not stall a busy meeting; a log ten times
   * longer forces it.
   */
  private considerCompaction(): void {
    const { compactAfter, compactIdleMs = 1000 } = this.options
    const { entries, bytes, snapshotBytes } = this.position
    if (this.compacting || entries < compactAfter) return
    const forced = entries >= 10 * compactAfter
    if (!forced && bytes * 4 < snapshotBytes) return
    clearTimeout(this.compactTimer)
    if (forced) {
      this.compaction = this.compact()
      return
    }
    this.compactTimer = setTimeout(() => (this.compaction = this.compact()), compactIdleMs)
    this.compactTimer.unref()
  }

  /**
   * Rebuilds the snapshot from the live document (never mergeUpdates), which contains the stored
   * snapshot of `epoch` and every entry through the followed position, and writes it with a
   * compare-and-set on that epoch. When another instance compacted first, the room merges the
   * stored state into its document (it may hold entries this room never read) and tries again.
   * When the document's overlays have grown past the room's threshold (`epochDue`), a new
   * document epoch replaces the compaction: it trims the log too.
   */
  private async compact(): Promise<void> {
    const { planId, store, logger, doc, owners, epochDue, startEpoch } = this.options
    if (this.pending.length > 0 || this.compacting || this.stopped) return
    if (startEpoch && epochDue?.()) {
      setImmediate(startEpoch)
      return
    }
    this.compacting = true
    try {
      for (let attempt = 0; attempt < 2 && !this.stopped && !this.hasFailed; attempt++) {
        const shared = store.feed !== undefined
        const throughSeq = shared ? this.followedSeq : this.position.lastSeq
        if (!throughSeq) return
        const covered = shared ? this.position.entries - this.ownSeqs.size : this.position.entries
        const coveredBytes = this.position.bytes
        const snapshot = Y.encodeStateAsUpdate(doc)
        const result = await store.compact(planId, {
          snapshot,
          throughSeq,
          clientOwners: owners.toRecord(),
          basedOnEpoch: this.epoch,
        })
        if (result.written) {
          this.epoch = result.epoch
          this.position.entries = Math.max(0, this.position.entries - covered)
          this.position.bytes = Math.max(0, this.position.bytes - coveredBytes)
          this.position.snapshotBytes = snapshot.byteLength
          logger.info({ planId, entries: covered, bytes: snapshot.byteLength }, 'plan compacted')
          return
        }
        logger.info(
          { planId, epoch: this.epoch, storedEpoch: result.storedEpoch },
          'another instance compacted first; merging its snapshot',
        )
        const state = await store.loadPlan(planId)
        if (!state || this.stopped || this.hasFailed) return
        this.options.merge(state)
      }
    } catch (error) {
      logger.error({ planId, err: error }, 'compaction failed')
    } finally {
      this.compacting = false
    }
  }
}
