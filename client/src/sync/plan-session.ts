import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import type { CellEdit, ExtensionMessage, Role, RuleViolation } from '@tandem/shared'
import {
  cellEditKey,
  changedCells,
  checkCellEdit,
  CLOSE_CODES,
  PlanDoc,
  PlanModel,
  writeCells,
} from '@tandem/shared'
import type { ConnectionStatus, SessionFailure } from './connection-status.js'
import { handleExtensionMessages } from './extension-handlers.js'
import { failureOfClose } from './failure-of-close.js'
import { localCopyLoaded } from './local-copy-loaded.js'
import { LOCAL_ORIGIN, REAPPLY_ORIGIN } from './local-origin.js'
import { markTiming } from './mark-timing.js'
import { PendingEdits } from './pending-edits.js'
import type { SessionNotice } from './session-notice.js'

/** Who opens the plan: the server knows it from the session cookie; the client checks edits with it. */
export interface SessionIdentity {
  userId: string
  name: string
  role: Role
}

export interface PlanSessionOptions {
  planId: string
  identity: SessionIdentity
  /** `ws://host/sync`: the room name (the plan id) is appended by the provider. */
  syncUrl: string
  /** The plan's creation time from the REST API: a different one means the local copy is stale. */
  createdAt?: string
  /** Called when the server says my role in the plan changed (close 1012), to look it up again. */
  onAccessChanged?: () => void
}

/** The live objects of one document generation; a resync replaces all of them. */
export interface PlanLive {
  generation: number
  doc: Y.Doc
  plan: PlanDoc
  model: PlanModel
  provider: WebsocketProvider
  undo: Y.UndoManager
}

/** What React renders from: replaced (never mutated) whenever something visible changes. */
export interface SessionSnapshot {
  live: PlanLive | undefined
  status: ConnectionStatus
  unsaved: number
  failure: SessionFailure | undefined
}

interface Generation {
  generation: number
  doc: Y.Doc
  plan: PlanDoc
  provider: WebsocketProvider
  persistence: IndexeddbPersistence
  undo: Y.UndoManager
  model: PlanModel | undefined
  everConnected: boolean
  /** The local copy is loaded (or unavailable) and the socket may connect. */
  ready: boolean
  stops: (() => void)[]
}

/**
 * One open plan: a Y.Doc kept in IndexedDB and synced over a stock y-websocket provider, its
 * derived PlanModel, undo of local edits, the unsaved-edit ledger, and recovery after the server
 * rejects an update (fresh document from the server, still-valid pending edits re-applied).
 */
export class PlanSession {
  private readonly listeners = new Set<() => void>()
  private readonly noticeListeners = new Set<(notice: SessionNotice) => void>()
  private readonly pending: PendingEdits
  private current: Generation | undefined
  private generationCount = 0
  private snapshot: SessionSnapshot
  private failure: SessionFailure | undefined
  private rejectedPlaces = new Set<string>()
  private consecutiveRejections = 0
  /** Unsaved edits of a discarded document, re-applied once the fresh one has synced. */
  private reapplyQueue: CellEdit[] | undefined
  private destroyed = false

  constructor(private readonly options: PlanSessionOptions) {
    this.pending = new PendingEdits(`tandem:pending:${options.planId}:${options.identity.userId}`)
    this.snapshot = {
      live: undefined,
      status: 'connecting',
      unsaved: this.pending.size,
      failure: undefined,
    }
    window.addEventListener('online', this.onOnline)
    window.addEventListener('offline', this.onOffline)
    this.open()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): SessionSnapshot => this.snapshot

  onNotice(listener: (notice: SessionNotice) => void): () => void {
    this.noticeListeners.add(listener)
    return () => this.noticeListeners.delete(listener)
  }

  get role(): Role {
    return this.options.identity.role
  }

  /**
   * Checks every edit against the plan's rules and writes them all in one transaction, or none:
   * the first violation is returned and nothing is written.
   */
  applyEdits(edits: readonly CellEdit[]): RuleViolation | undefined {
    const live = this.snapshot.live
    if (!live) return undefined
    const meta = live.plan.readMeta()
    for (const edit of edits) {
      const found = checkCellEdit(meta, this.role, edit.measure, edit.key, edit.period, edit.value)
      if (found) return found
    }
    writeCells(live.plan, edits, LOCAL_ORIGIN)
    markTiming('tandem:edit')
    live.undo.stopCapturing()
    return undefined
  }

  /** Undoes my last edit unless one of its cells may no longer be changed. */
  undo(): RuleViolation | undefined {
    return this.step('undo')
  }

  redo(): RuleViolation | undefined {
    return this.step('redo')
  }

  destroy(): void {
    this.destroyed = true
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('offline', this.onOffline)
    if (this.current) void this.teardown(this.current, false)
    this.listeners.clear()
    this.noticeListeners.clear()
  }

  private step(direction: 'undo' | 'redo'): RuleViolation | undefined {
    const live = this.snapshot.live
    if (!live) return undefined
    const stack = direction === 'undo' ? live.undo.undoStack : live.undo.redoStack
    const item = stack[stack.length - 1]
    if (!item) return undefined
    const cells = (item.meta.get('cells') as CellEdit[] | undefined) ?? []
    const meta = live.plan.readMeta()
    for (const cell of cells) {
      const found = checkCellEdit(meta, this.role, cell.measure, cell.key, cell.period, undefined)
      if (found) return found
    }
    if (direction === 'undo') live.undo.undo()
    else live.undo.redo()
    return undefined
  }

  private open(): void {
    const { planId, syncUrl } = this.options
    const generation = ++this.generationCount
    const doc = new Y.Doc()
    const plan = new PlanDoc(doc)
    const storage = `tandem:plan:${planId}:${this.options.identity.userId}`
    const persistence = new IndexeddbPersistence(storage, doc)
    const provider = new WebsocketProvider(syncUrl, planId, doc, {
      connect: false,
      disableBc: true,
      params: { ext: '1' },
    })
    const undo = new Y.UndoManager([plan.demand, plan.supply, plan.capacity], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 0,
    })
    const state: Generation = {
      generation,
      doc,
      plan,
      provider,
      persistence,
      undo,
      model: undefined,
      everConnected: false,
      ready: false,
      stops: [],
    }
    this.current = state

    undo.on('stack-item-added', (event) => {
      const cells = changedCells(
        plan,
        [...event.changedParentTypes.values()].flatMap((events) =>
          events.map((e) => [e.target, (e as Y.YMapEvent<unknown>).keysChanged ?? []] as const),
        ),
      )
      event.stackItem.meta.set('cells', cells)
    })
    const onTransaction = (transaction: Y.Transaction) => {
      const origin = transaction.origin as unknown
      if (origin !== LOCAL_ORIGIN && origin !== REAPPLY_ORIGIN && origin !== undo) return
      const cells = changedCells(plan, transaction.changed)
      if (cells.length === 0) return
      this.pending.record(cells, doc.clientID, Y.getState(doc.store, doc.clientID))
      this.publish()
    }
    doc.on('afterTransaction', onTransaction)
    state.stops.push(() => doc.off('afterTransaction', onTransaction))

    handleExtensionMessages(provider, (message) => this.onExtension(state, message))
    provider.on('status', ({ status }) => {
      if (status === 'connected') state.everConnected = true
      this.publish()
    })
    provider.on('sync', (synced) => {
      if (synced) this.onServerSynced(state)
      this.publish()
    })
    provider.on('connection-close', (event) => {
      if (event && event.code === CLOSE_CODES.serviceRestart) this.options.onAccessChanged?.()
      if (event && event.code === CLOSE_CODES.rateLimited) {
        setTimeout(() => this.current === state && provider.connect(), 5_000)
      }
    })
    provider.on('closed', ({ code }) => this.onTerminalClose(state, code))

    void localCopyLoaded(persistence).then(async (loaded) => {
      performance.mark('tandem:local-copy-loaded')
      if (this.current !== state) return
      if (loaded && (await this.localCopyIsStale(persistence))) {
        await this.teardown(state, true)
        if (!this.destroyed) this.open()
        return
      }
      if (this.current !== state) return
      if (this.options.createdAt) void persistence.set('createdAt', this.options.createdAt)
      if (plan.periodCount > 0) this.attachModel(state)
      state.ready = true
      if (navigator.onLine) provider.connect()
      else if (state.model) this.restoreLostEdits(state)
      performance.mark('tandem:connecting')
      this.publish()
    })
    this.publish()
  }

  private async localCopyIsStale(persistence: IndexeddbPersistence): Promise<boolean> {
    if (!this.options.createdAt) return false
    const stored = (await persistence.get('createdAt')) as string | undefined
    return stored !== undefined && stored !== this.options.createdAt
  }

  private attachModel(state: Generation): void {
    if (state.model) return
    performance.mark('tandem:doc-loaded')
    state.model = new PlanModel(state.plan)
    performance.mark('tandem:model-built')
  }

  private onServerSynced(state: Generation): void {
    if (this.current !== state) return
    if (state.plan.periodCount === 0) {
      this.failure = 'notFound'
      this.publish()
      return
    }
    this.attachModel(state)
    if (state.generation > 1 && this.reapplyQueue) {
      const queue = this.reapplyQueue
      this.reapplyQueue = undefined
      this.reapply(queue)
    } else {
      this.restoreLostEdits(state)
    }
  }

  /**
   * An edit made just before the page closed can miss IndexedDB (the browser aborts unfinished
   * transactions), while the unsaved-edit ledger in localStorage has it. Edits whose clock the
   * document does not have, even after syncing with the server, are written again.
   */
  private restoreLostEdits(state: Generation): void {
    const lost = this.pending
      .list()
      .filter((edit) => Y.getState(state.doc.store, edit.client) < edit.clock)
    if (lost.length > 0) this.reapply(lost, false)
  }

  private reapply(edits: CellEdit[], announce = true): void {
    const live = this.liveOf(this.current)
    if (!live) return
    const meta = live.plan.readMeta()
    const valid = edits.filter(
      (edit) =>
        !this.rejectedPlaces.has(cellEditKey(edit)) &&
        !checkCellEdit(meta, this.role, edit.measure, edit.key, edit.period, edit.value),
    )
    if (valid.length > 0) writeCells(live.plan, valid, REAPPLY_ORIGIN)
    this.rejectedPlaces.clear()
    if (!announce) return
    this.emitNotice({
      kind: 'reapplied',
      reapplied: valid.length,
      dropped: edits.length - valid.length,
    })
  }

  private onExtension(state: Generation, message: ExtensionMessage): void {
    if (this.current !== state) return
    if (message.type === 'saved') {
      if (this.pending.acknowledge(Y.decodeStateVector(message.stateVector))) {
        this.consecutiveRejections = 0
      }
      this.publish()
      return
    }
    this.consecutiveRejections++
    for (const place of message.places) {
      if (place.key !== undefined && place.period !== undefined) {
        this.rejectedPlaces.add(
          cellEditKey({ measure: place.root, key: place.key, period: place.period }),
        )
      }
    }
    this.emitNotice({
      kind: 'rejected',
      code: message.code,
      reason: message.reason,
      places: message.places,
    })
  }

  private onTerminalClose(state: Generation, code: number): void {
    if (this.current !== state || this.destroyed) return
    if (code === CLOSE_CODES.updateRejected || code === CLOSE_CODES.badMessage) {
      void this.resync(state)
      return
    }
    this.failure = failureOfClose(code, state.everConnected)
    this.publish()
  }

  /** Throws the document away and loads a fresh one from the server, then re-applies. */
  private async resync(state: Generation): Promise<void> {
    const keep = this.consecutiveRejections > 2 ? [] : this.pending.list()
    this.pending.clear()
    await this.teardown(state, true)
    if (this.destroyed) return
    this.reapplyQueue = keep.map(({ measure, key, period, value }) => ({
      measure,
      key,
      period,
      value,
    }))
    this.open()
  }

  private async teardown(state: Generation, clearStorage: boolean): Promise<void> {
    if (this.current === state) this.current = undefined
    for (const stop of state.stops) stop()
    state.model?.destroy()
    state.undo.destroy()
    state.provider.destroy()
    if (clearStorage) await state.persistence.clearData()
    else await state.persistence.destroy()
    state.doc.destroy()
    this.publish()
  }

  private readonly onOnline = (): void => {
    const state = this.current
    if (state && state.ready && !this.failure) state.provider.connect()
    this.publish()
  }

  private readonly onOffline = (): void => {
    this.current?.provider.disconnect()
    this.publish()
  }

  private liveOf(state: Generation | undefined): PlanLive | undefined {
    if (!state?.model) return undefined
    const { generation, doc, plan, model, provider, undo } = state
    return { generation, doc, plan, model, provider, undo }
  }

  private status(state: Generation | undefined): ConnectionStatus {
    if (!navigator.onLine) return 'offline'
    if (!state) return 'connecting'
    if (state.provider.wsconnected && state.provider.synced) return 'online'
    return state.everConnected ? 'reconnecting' : 'connecting'
  }

  private publish(): void {
    const state = this.current
    const previous = this.snapshot
    const live =
      previous.live && state && previous.live.generation === state.generation && state.model
        ? previous.live
        : this.liveOf(state)
    const next: SessionSnapshot = {
      live,
      status: this.status(state),
      unsaved: this.pending.size,
      failure: this.failure,
    }
    if (
      next.live === previous.live &&
      next.status === previous.status &&
      next.unsaved === previous.unsaved &&
      next.failure === previous.failure
    ) {
      return
    }
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }

  private emitNotice(notice: SessionNotice): void {
    for (const listener of this.noticeListeners) listener(notice)
  }
}
