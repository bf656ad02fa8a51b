import * as Y from 'yjs'
import type { CellEdit, ExtensionMessage, OverrideNote, Role, RuleViolation } from '@tandem/shared'
import {
  cellEditKey,
  checkOverrideReason,
  CLOSE_CODES,
  documentEpochOf,
  overrideReasonKey,
  PlanModel,
  writeCells,
  writeOverrideReason,
} from '@tandem/shared'
import { reasonsForEdits } from './reasons-for-edits.js'
import type { ForecastProgress } from './forecast-progress.js'
import type { SessionFailure } from './connection-status.js'
import { connectionStatusOf } from './connection-status-of.js'
import { handleExtensionMessages } from './extension-handlers.js'
import { declareEditSources } from './declare-edit-sources.js'
import { failureOfClose } from './failure-of-close.js'
import { firstViolation } from './first-violation.js'
import type { Generation } from './generation.js'
import { closeGeneration, liveOf, openGeneration } from './generation.js'
import { localCopyIsStale } from './local-copy-is-stale.js'
import { localCopyLoaded } from './local-copy-loaded.js'
import type { LocalEditSource } from './local-origin.js'
import { LOCAL_ORIGINS, REAPPLY_ORIGIN } from './local-origin.js'
import { markTiming } from './mark-timing.js'
import { PendingEdits } from './pending-edits.js'
import { recordLocalEdits } from './record-local-edits.js'
import type { PlanSessionOptions } from './plan-session-options.js'
import type { SessionNotice } from './session-notice.js'
import type { SessionSnapshot } from './session-snapshot.js'
import { sameSnapshot } from './session-snapshot.js'
import { trackUndoCells, undoCells } from './track-undo-cells.js'

export type { PlanLive } from './plan-live.js'
export type { PlanSessionOptions } from './plan-session-options.js'
export type { SessionIdentity } from './session-identity.js'
export type { SessionSnapshot } from './session-snapshot.js'

/**
 * One open plan: a Y.Doc kept in IndexedDB and synced over a stock y-websocket provider, its
 * derived PlanModel, undo of local edits, the unsaved-edit ledger, and recovery after the server
 * rejects an update (fresh document from the server, still-valid pending edits re-applied).
 */
export class PlanSession {
  private readonly listeners = new Set<() => void>()
  private readonly noticeListeners = new Set<(notice: SessionNotice) => void>()
  private readonly progressListeners = new Set<(progress: ForecastProgress) => void>()
  /** The reason my next overrides of a baseline carry, picked on the board. */
  private overrideNote: OverrideNote | undefined
  private readonly pending: PendingEdits
  private current: Generation | undefined
  private generationCount = 0
  private snapshot: SessionSnapshot
  private failure: SessionFailure | undefined
  private rejectedPlaces = new Set<string>()
  private consecutiveRejections = 0
  /** Unsaved edits of a discarded document, re-applied once the fresh one has synced. */
  private reapplyQueue: CellEdit[] | undefined
  /** The discarded document was of an earlier document epoch: say so once re-applied. */
  private rebasedOnEpoch = false
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

  /** A forecast run's progress reports (`forecastProgress`), as the server sends them. */
  onForecastProgress(listener: (progress: ForecastProgress) => void): () => void {
    this.progressListeners.add(listener)
    return () => this.progressListeners.delete(listener)
  }

  /** The reason written beside each later edit that overrides a demand cell's baseline. */
  setOverrideNote(note: OverrideNote | undefined): void {
    this.overrideNote = note
  }

  get role(): Role {
    return this.options.identity.role
  }

  /**
   * Checks every edit against the plan's rules and writes them all in one transaction, or none:
   * the first violation is returned and nothing is written. `source` is recorded in the
   * cell history.
   */
  applyEdits(
    edits: readonly CellEdit[],
    source: LocalEditSource = 'grid',
  ): RuleViolation | undefined {
    const live = this.snapshot.live
    if (!live) return undefined
    const meta = live.plan.readMeta()
    const found = firstViolation(meta, this.role, edits)
    if (found) return found
    const reasons = reasonsForEdits(live.plan, edits, this.overrideNote)
    for (const { sku, period, note } of reasons) {
      const key = overrideReasonKey(sku, period)
      const broken = checkOverrideReason(live.plan, meta, this.role, key, note)
      if (broken) return broken
    }
    live.plan.doc.transact(() => {
      writeCells(live.plan, edits, LOCAL_ORIGINS[source])
      for (const { sku, period, note } of reasons) writeOverrideReason(live.plan, sku, period, note)
    }, LOCAL_ORIGINS[source])
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
    const places = undoCells(item).map((cell) => ({ ...cell, value: undefined }))
    const found = firstViolation(live.plan.readMeta(), this.role, places)
    if (found) return found
    if (direction === 'undo') live.undo.undo()
    else live.undo.redo()
    return undefined
  }

  private open(): void {
    const { planId, syncUrl } = this.options
    const storage = `tandem:plan:${planId}:${this.options.identity.userId}`
    const state = openGeneration(++this.generationCount, planId, syncUrl, storage)
    const { plan, provider, persistence, undo } = state
    this.current = state
    trackUndoCells(undo, plan)
    recordLocalEdits(state, this.pending, () => this.publish())
    const forgetDeclared = declareEditSources(state)

    handleExtensionMessages(provider, (message) => {
      if (message.type === 'saved') forgetDeclared(Y.decodeStateVector(message.stateVector))
      this.onExtension(state, message)
    })
    provider.on('status', ({ status }) => {
      if (status === 'connected') state.everConnected = true
      this.publish()
    })
    provider.on('sync', (synced) => {
      if (synced) this.onServerSynced(state)
      this.publish()
    })
    provider.on('connection-close', (event) => {
      if (event && event.code === CLOSE_CODES.roleChanged) this.options.onAccessChanged?.()
      if (event && event.code === CLOSE_CODES.rateLimited) {
        setTimeout(() => this.current === state && provider.connect(), 5_000)
      }
    })
    provider.on('closed', ({ code }) => this.onTerminalClose(state, code))

    void localCopyLoaded(persistence).then(async (loaded) => {
      performance.mark('tandem:local-copy-loaded')
      if (this.current !== state) return
      if (loaded && (await localCopyIsStale(persistence, this.options.createdAt))) {
        await this.teardown(state, true)
        if (!this.destroyed) this.open()
        return
      }
      if (this.current !== state) return
      if (this.options.createdAt) void persistence.set('createdAt', this.options.createdAt)
      if (plan.periodCount > 0) this.attachModel(state)
      // The server refuses a local copy of another document epoch before any sync (4409).
      if (plan.periodCount > 0) provider.params.epoch = String(documentEpochOf(state.doc))
      else delete provider.params.epoch
      state.ready = true
      if (navigator.onLine) provider.connect()
      else if (state.model) this.restoreLostEdits(state)
      performance.mark('tandem:connecting')
      this.publish()
    })
    this.publish()
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
    const epochChanged = this.rebasedOnEpoch
    this.rebasedOnEpoch = false
    const live = liveOf(this.current)
    if (!live) return
    const meta = live.plan.readMeta()
    const valid = edits.filter(
      (edit) =>
        !this.rejectedPlaces.has(cellEditKey(edit)) && !firstViolation(meta, this.role, [edit]),
    )
    if (valid.length > 0) writeCells(live.plan, valid, REAPPLY_ORIGIN)
    this.rejectedPlaces.clear()
    if (!announce) return
    if (epochChanged) {
      this.emitNotice({ kind: 'epochChanged', reapplied: valid.length })
      return
    }
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
    if (message.type === 'forecastProgress') {
      const { state: run, done, total } = message
      for (const listener of this.progressListeners) listener({ state: run, done, total })
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
    if (code === CLOSE_CODES.epochChanged) {
      // A new document epoch: every pending edit is re-applied on it, and undo starts afresh.
      this.rebasedOnEpoch = true
      this.consecutiveRejections = 0
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
    await closeGeneration(state, clearStorage)
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

  private publish(): void {
    const state = this.current
    const previous = this.snapshot
    const live =
      previous.live && state && previous.live.generation === state.generation && state.model
        ? previous.live
        : liveOf(state)
    const next: SessionSnapshot = {
      live,
      status: connectionStatusOf(state),
      unsaved: this.pending.size,
      failure: this.failure,
    }
    if (sameSnapshot(next, previous)) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }

  private emitNotice(notice: SessionNotice): void {
    for (const listener of this.noticeListeners) listener(notice)
  }
}
