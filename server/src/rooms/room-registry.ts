import type { FastifyBaseLogger } from 'fastify'
import type { Role } from '@tandem/shared'
import { sameSites } from '@tandem/shared'
import type { RoomObserver } from './room-observer.js'
import type { RoomOptions, RoomStore } from './room.js'
import { Room } from './room.js'
import type { SyncAnswerBudget } from './sync-answers.js'

/** Options for the set of live rooms. */
export interface RoomRegistryOptions {
  store: RoomStore
  logger: FastifyBaseLogger
  compactAfter: number
  compactIdleMs?: number
  /** Overlay items at which a due compaction starts a new document epoch; 0: only on demand. */
  epochAfter?: number
  /** Told of accepted and rejected updates and of relays, for metrics. */
  observer?: RoomObserver
  /** How often sockets are pinged; one that misses a pong is closed. */
  heartbeatMs?: number
  /** How long an empty room stays loaded. */
  graceMs: number
  /** How often one user may have a sync step 2 encoded afresh in a room. */
  syncAnswerBudget?: SyncAnswerBudget
  /** Bytes of comments and flags one user may write into one plan per hour; 0: no quota. */
  discussionBytesPerHour?: number
}

/**
 * One live room per plan. A room is loaded once however many sockets ask for it at the same
 * time, and unloaded after a grace period once its last peer leaves. It reaches peers only
 * through the rooms' `RoomPeer` port.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room | undefined>>()
  private readonly loaded = new Map<string, Room>()
  private readonly closing = new Map<string, Promise<void>>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** Every room loaded and not yet destroyed, current or not. */
  private readonly inMemory = new Set<Room>()
  private readonly roomOptions: RoomOptions

  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: RoomRegistryOptions) {
    this.roomOptions = { ...options, onFailed: (room) => void this.discard(room) }
    this.heartbeat = setInterval(() => {
      for (const room of this.loaded.values()) for (const peer of room.peers) peer.heartbeat()
    }, options.heartbeatMs ?? 30_000)
    this.heartbeat.unref()
  }

  /** How many rooms are loaded or loading, for metrics and leak tests. */
  get size(): number {
    return this.rooms.size
  }

  /**
   * How many rooms hold a document in memory: loaded ones, and failed or unloaded ones not yet
   * destroyed. Equal to `size` once every failed room is gone; shown by /health.
   */
  get roomsInMemory(): number {
    return this.inMemory.size
  }

  /** The live room of a plan, loading it if needed; undefined when the plan does not exist. */
  async open(planId: string): Promise<Room | undefined> {
    this.cancelUnload(planId)
    let loading = this.rooms.get(planId)
    if (!loading) {
      const previous = this.closing.get(planId)
      loading = (previous ?? Promise.resolve()).then(() => Room.load(planId, this.roomOptions))
      this.rooms.set(planId, loading)
      loading.then(
        (room) => {
          if (room) this.inMemory.add(room)
          if (!room) this.rooms.delete(planId)
          else if (this.rooms.get(planId) === loading) this.loaded.set(planId, room)
          if (room?.hasFailed) void this.discard(room)
        },
        () => this.rooms.delete(planId),
      )
    }
    const room = await loading
    if (room && (room.isDestroyed || room.hasFailed)) {
      if (this.rooms.get(planId) === loading) this.rooms.delete(planId)
      return this.open(planId)
    }
    return room
  }

  /**
   * Moves a plan to its next document epoch (`Room.startEpoch`), loading its room if needed.
   * Every peer is closed with `epochChanged`, and the next connection loads the new document.
   * Resolves with the new epoch; undefined when the plan does not exist or the change was not
   * written.
   */
  async startEpoch(planId: string): Promise<number | undefined> {
    const room = await this.open(planId)
    if (!room) return undefined
    try {
      return await room.startEpoch()
    } finally {
      if (!room.hasFailed) this.release(room)
    }
  }

  /** Called when a peer leaves: an empty room is unloaded after the grace period. */
  release(room: Room): void {
    if (room.peers.size > 0) return
    this.cancelUnload(room.planId)
    const timer = setTimeout(() => void this.unload(room), this.options.graceMs)
    timer.unref()
    this.timers.set(room.planId, timer)
  }

  /** Closes every peer of a plan and unloads it at once (the plan was deleted). */
  async evict(planId: string): Promise<void> {
    this.cancelUnload(planId)
    const loading = this.rooms.get(planId)
    this.rooms.delete(planId)
    this.loaded.delete(planId)
    const room = await loading?.catch(() => undefined)
    if (!room) return
    for (const peer of [...room.peers]) peer.close('planDeleted', 'The plan was deleted')
    await this.destroy(room)
  }

  /**
   * Re-evaluates a user's access in every open plan after their account or roles changed:
   * peers that lost access close with 4403, those whose role changed close with 4012 so the
   * client reconnects under its new role. With `sessionVersion`, peers admitted with a token of
   * another version (signed out, password changed) close with 4401. With `sitesIn`, peers whose
   * site scope changed close with 4012 too.
   */
  async recheckUser(
    userId: string,
    roleIn: (planId: string) => Promise<Role | undefined>,
    sessionVersion?: number,
    sitesIn?: (planId: string, role: Role) => Promise<readonly string[] | undefined>,
  ): Promise<void> {
    for (const room of this.loaded.values()) {
      const peers = [...room.peers].filter((peer) => peer.userId === userId)
      if (peers.length === 0) continue
      const role = await roleIn(room.planId)
      const sites = role && sitesIn ? await sitesIn(room.planId, role) : undefined
      for (const peer of peers) {
        if (sessionVersion !== undefined && peer.sessionVersion !== sessionVersion)
          peer.close('unauthorized', 'Your session ended: you signed out or changed your password')
        else if (role === undefined) peer.close('forbidden', 'Your access to this plan was removed')
        else if (role !== peer.role) peer.close('roleChanged', 'Your role in this plan changed')
        else if (sitesIn && !sameSites(sites, peer.sites))
          peer.close('roleChanged', 'Your site scope in this plan changed')
      }
    }
  }

  /** The plan's room if it is loaded now (never loads one): for reads that can use the store instead. */
  loadedRoom(planId: string): Room | undefined {
    const room = this.loaded.get(planId)
    return room && !room.isDestroyed && !room.hasFailed ? room : undefined
  }

  /** The users with a peer in some open plan. */
  connectedUsers(): Set<string> {
    const users = new Set<string>()
    for (const room of this.loaded.values()) for (const peer of room.peers) users.add(peer.userId)
    return users
  }

  /** Flushes and unloads every room. */
  async closeAll(): Promise<void> {
    clearInterval(this.heartbeat)
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    const loading = [...this.rooms.values()]
    this.rooms.clear()
    this.loaded.clear()
    const rooms = await Promise.all(loading.map((p) => p.catch(() => undefined)))
    await Promise.all(
      rooms.map(async (room) => {
        if (!room) return
        await room.whenDurable()
        for (const peer of [...room.peers]) peer.close('goingAway', 'The server is shutting down')
        await this.destroy(room)
      }),
    )
  }

  private async unload(room: Room): Promise<void> {
    this.timers.delete(room.planId)
    if (room.peers.size > 0 || this.loaded.get(room.planId) !== room) return
    this.rooms.delete(room.planId)
    this.loaded.delete(room.planId)
    await this.destroy(room)
    this.options.logger.debug({ planId: room.planId }, 'room unloaded')
  }

  /**
   * A room that failed (a store error) leaves the registry at once, its feed stopped and its
   * document destroyed; its peers, closed with 1011, reconnect to a fresh room.
   */
  private async discard(room: Room): Promise<void> {
    if (this.loaded.get(room.planId) === room) {
      this.cancelUnload(room.planId)
      this.rooms.delete(room.planId)
      this.loaded.delete(room.planId)
    }
    this.options.logger.warn({ planId: room.planId }, 'room failed; destroyed')
    await this.destroy(room)
  }

  /** Destroys a room; a reload of the same plan waits until its last updates are durable. */
  private async destroy(room: Room): Promise<void> {
    const done = room.destroy()
    this.closing.set(room.planId, done)
    try {
      await done
    } finally {
      this.inMemory.delete(room)
      if (this.closing.get(room.planId) === done) this.closing.delete(room.planId)
    }
  }

  private cancelUnload(planId: string): void {
    const timer = this.timers.get(planId)
    if (timer) clearTimeout(timer)
    this.timers.delete(planId)
  }
}
