import * as Y from 'yjs'
import type { EditSource, PlanDoc, StoredCellWrite } from '@tandem/shared'
import { storedCellWrites } from '@tandem/shared'
import type { CellChange } from '../store/plan-log.js'
import type { ChangeOrigin } from './change-origin.js'
import type { EditSourceLedger } from './edit-source-ledger.js'

/** What one applied change wrote: the effective update (null when it added nothing) and its cells. */
export interface Effect {
  update: Uint8Array | null
  cells: CellChange[]
}

/** What the capture is told of each effective update besides its cells. */
export interface CaptureListeners {
  /**
   * Every update the document takes once `captureUpdates` is called (sync answers are cached
   * per state); the room's first load from the store comes before that.
   */
  changed(update: Uint8Array): void
  /** A change other than loading from the store (for the inbox and metrics). */
  documentChanged(): void
}

/**
 * The one place a room captures what a change did: the effective update Yjs emits and the
 * cells it wrote, each under the source its author declared (or the server's). It also keeps
 * the contents of cell values that lose to a concurrent write in the transaction that brings
 * them (`keeps`, the document's gcFilter), so the update relayed carries both values.
 */
export class ChangeCapture {
  private currentTransaction: Y.Transaction | null = null
  private effect: Effect | null = null
  /** The cell writes of the transaction being applied, read before Yjs collects garbage. */
  private writes: StoredCellWrite[] | null = null
  /** Where the server's own change being applied comes from. */
  private serverSource: EditSource = 'grid'
  private plan: PlanDoc | undefined
  private sources: EditSourceLedger | undefined
  private listeners: CaptureListeners | undefined

  /** The document's gcFilter: false for a cell value that loses in the current transaction. */
  readonly keeps = (item: Y.Item): boolean => {
    const transaction = this.currentTransaction
    if (!transaction || item.parentSub === null) return true
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
    const parent = item.parent
    return !(isNew && parent instanceof Y.Map && parent._item?.parentSub === 'edits')
  }

  /**
   * Starts capturing on `plan`'s document (created with `keeps` as its gcFilter): the cells
   * each transaction wrote now, its effective update once `captureUpdates` is called.
   */
  attach(plan: PlanDoc, sources: EditSourceLedger, listeners: CaptureListeners): void {
    this.plan = plan
    this.sources = sources
    this.listeners = listeners
    plan.doc.on('afterTransaction', this.captureWrites)
  }

  /**
   * From now on every transaction's effective update is captured. Yjs encodes one only while a
   * document has an `update` listener, so the room calls this after its first load from the
   * store: encoding the whole plan there (about a third of a 10,000 × 104 plan's load) would
   * only be thrown away, since the snapshot is the known encoding of that state.
   */
  captureUpdates(): void {
    this.plan?.doc.on('update', this.captureEffect)
  }

  /**
   * Runs one transaction (`run` names its origin) and returns what it changed; a server change
   * names its `source`.
   */
  apply(run: () => void, source: EditSource = 'grid'): Effect {
    this.effect = null
    this.writes = null
    this.serverSource = source
    try {
      run()
    } finally {
      this.writes = null
    }
    const effect = this.effect ?? { update: null, cells: [] }
    this.effect = null
    return effect
  }

  private readonly captureWrites = (transaction: Y.Transaction): void => {
    this.currentTransaction = transaction
    const origin = transaction.origin as ChangeOrigin | null
    if (origin === null || origin.kind === 'store' || origin.kind === 'feed') return
    this.writes = storedCellWrites(this.plan!, transaction)
  }

  private cellChanges(origin: ChangeOrigin): CellChange[] {
    const sources = this.sources!
    const sourceOf = (write: StoredCellWrite): EditSource => {
      if (origin.kind !== 'peer') return this.serverSource
      const user = origin.peer.userId
      const declared = write.id ? sources.sourceOf(user, write.id) : sources.lastSourceOf(user)
      return declared ?? 'grid'
    }
    return (this.writes ?? []).map((write) => ({
      measure: write.measure,
      key: write.key,
      period: write.period,
      value: write.value,
      previous: write.previous,
      shown: write.shown,
      source: sourceOf(write),
    }))
  }

  private readonly captureEffect = (update: Uint8Array, origin: ChangeOrigin | null): void => {
    this.listeners?.changed(update)
    if (origin === null || origin.kind === 'store') return
    this.listeners?.documentChanged()
    const cells = origin.kind === 'feed' ? [] : this.cellChanges(origin)
    this.effect = { update, cells }
  }
}
