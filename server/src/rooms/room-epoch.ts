import type { FastifyBaseLogger } from 'fastify'
import * as Y from 'yjs'
import { nextEpochDocument, overlayWeight } from '@tandem/shared'
import { EpochChangedError } from '../store/plan-log.js'
import { SYSTEM_AUTHOR } from './client-owners.js'
import type { RoomLog } from './room-log.js'

/** What a room's epoch keeper needs of the room. */
export interface RoomEpochHost {
  readonly planId: string
  readonly doc: Y.Doc
  readonly logger: FastifyBaseLogger
  /** Overlay items at which a due compaction starts a new epoch instead; 0: only on demand. */
  readonly epochAfter: number
  /** The room is gone or failed: no epoch change is started. */
  unavailable(): boolean
  /** The room was destroyed. */
  destroyed(): boolean
  /** The room leaves its epoch: close every peer with `epochChanged` and give the room up. */
  left(): void
}

/**
 * When and how a room moves its plan to the next document epoch (`nextEpochDocument`), and
 * what it does when the plan is found at another epoch. While a change is under way the room
 * neither applies nor acknowledges updates (`changing`).
 */
export class RoomEpoch {
  private changingEpoch = false
  private leftEpoch = false

  constructor(
    private readonly host: RoomEpochHost,
    private readonly log: () => RoomLog,
  ) {}

  /** An epoch change is under way or done: updates are neither applied nor acknowledged. */
  get changing(): boolean {
    return this.changingEpoch
  }

  /**
   * From now on no update is applied or acknowledged; what is queued is made durable; the new
   * document is written by the store's compare-and-set; then the room leaves its epoch.
   * Resolves with the new epoch, or undefined when the store moved on first or the change
   * could not be written.
   */
  async start(): Promise<number | undefined> {
    if (this.host.unavailable()) throw new Error(`Plan ${this.host.planId} is not available`)
    this.changingEpoch = true
    const clientID = new Y.Doc().clientID
    try {
      const epoch = await this.log().changeEpoch(() => nextEpochDocument(this.host.doc, clientID), {
        [String(clientID)]: SYSTEM_AUTHOR,
      })
      if (epoch !== undefined) this.leave()
      return epoch
    } finally {
      if (!this.leftEpoch) this.changingEpoch = false
    }
  }

  /** Whether the overlays grew past `epochAfter`, so a due compaction starts an epoch instead. */
  overgrown(): boolean {
    const limit = this.host.epochAfter
    if (limit <= 0) return false
    const { items } = overlayWeight(this.host.doc)
    if (items < limit) return false
    this.host.logger.info(
      { planId: this.host.planId, overlayItems: items, epochAfter: limit },
      'overlays grew past the epoch threshold; starting a new document epoch',
    )
    return true
  }

  /** Starts an epoch change the compaction policy asked for; a failure is logged. */
  async startAutomatically(): Promise<void> {
    if (this.host.unavailable() || this.changingEpoch) return
    try {
      await this.start()
    } catch (error) {
      this.host.logger.warn(
        { planId: this.host.planId, err: error },
        'automatic epoch change failed',
      )
    }
  }

  /**
   * The plan is at another document epoch than the room's: the log is abandoned and the room
   * told to leave. Nothing of the other epoch is merged into the room's document.
   */
  leave(): void {
    if (this.leftEpoch || this.host.destroyed()) return
    this.leftEpoch = true
    this.changingEpoch = true
    const log = this.log()
    log.abandon(new EpochChangedError(this.host.planId, log.documentEpoch + 1), false)
    this.host.left()
  }
}
