import type { InboxEvent, InboxItem, PlanDoc } from '@tandem/shared'
import { inboxItems } from '@tandem/shared'
import type { FastifyBaseLogger } from 'fastify'
import type { PlanAccessLookup } from '../auth/plan-access.js'
import { planRole } from '../auth/plan-access.js'
import type { Accounts } from '../store/accounts.js'
import type { UserFeed } from '../store/user-feed.js'

/** One open tab of a user, listening to its inbox's events. */
export interface InboxTab {
  send(event: InboxEvent): void
  /** Ends the tab's stream (its user was disabled or signed out everywhere). */
  end(): void
  /** The user's session version when the stream was opened. */
  sessionVersion: number
}

/** What the hub needs. */
export interface InboxHubOptions {
  /** Present when instances share a store: read marks then reach the user's tabs on every instance. */
  feed?: UserFeed
  accounts: PlanAccessLookup & Pick<Accounts, 'getUser'>
  logger: FastifyBaseLogger
  /** Quiet time after a plan's last change before its items are compared. */
  settleMs?: number
}

/**
 * Every open inbox tab on this instance, by user. Read marks are published to all of a user's
 * tabs, through the store's user feed when there is one (so tabs on other instances hear them
 * too). When a live plan of this instance changes, each connected user whose items in it differ
 * from the ones last sent is told the plan changed, and reloads their inbox.
 */
export class InboxHub {
  private readonly tabs = new Map<string, Set<InboxTab>>()
  private readonly feedStops = new Map<string, Promise<(() => Promise<void>) | undefined>>()
  /** The item ids each user was last shown of each plan, by `user\nplan`. */
  private readonly shown = new Map<string, string>()
  private readonly settling = new Map<string, { plan: PlanDoc; timer: NodeJS.Timeout }>()

  constructor(private readonly options: InboxHubOptions) {}

  /** Starts delivering a user's events to `tab`; the returned function stops it. */
  async open(userId: string, tab: InboxTab): Promise<() => void> {
    let tabs = this.tabs.get(userId)
    if (!tabs) this.tabs.set(userId, (tabs = new Set()))
    tabs.add(tab)
    const { feed } = this.options
    if (feed && !this.feedStops.has(userId)) {
      const stop = feed
        .subscribe(userId, (message) => this.deliver(userId, JSON.parse(message) as InboxEvent))
        .catch((error: unknown) => {
          this.options.logger.error({ err: error, userId }, 'inbox feed subscribe failed')
          this.feedStops.delete(userId)
          return undefined
        })
      this.feedStops.set(userId, stop)
      await stop
    }
    return () => {
      tabs.delete(tab)
      if (tabs.size > 0) return
      this.tabs.delete(userId)
      for (const key of this.shown.keys()) if (key.startsWith(`${userId}\n`)) this.shown.delete(key)
      const stop = this.feedStops.get(userId)
      this.feedStops.delete(userId)
      void stop?.then((unsubscribe) => unsubscribe?.())
    }
  }

  /** Tells every tab of the user, on every instance, that items were marked read or unread. */
  publish(userId: string, event: InboxEvent): void {
    if (this.options.feed) this.options.feed.publish(userId, JSON.stringify(event))
    else this.deliver(userId, event)
  }

  /** Notes what a user was shown of a plan, so that only a difference is pushed later. */
  remember(userId: string, planId: string, items: InboxItem[]): void {
    if (this.tabs.has(userId)) this.shown.set(`${userId}\n${planId}`, signature(items))
  }

  /** A live plan changed: compare its items for each connected user once it settles. */
  planChanged(planId: string, plan: PlanDoc): void {
    if (this.tabs.size === 0) return
    const pending = this.settling.get(planId)
    if (pending) return void (pending.plan = plan)
    const timer = setTimeout(() => {
      const settled = this.settling.get(planId)
      this.settling.delete(planId)
      if (settled)
        this.compare(planId, settled.plan).catch((error: unknown) =>
          this.options.logger.error({ err: error, planId }, 'inbox comparison failed'),
        )
    }, this.options.settleMs ?? 300)
    timer.unref()
    this.settling.set(planId, { plan, timer })
  }

  /**
   * Ends the streams of users who were disabled, removed or signed out everywhere since they
   * opened them (run with the sockets' access re-check).
   */
  async recheck(): Promise<void> {
    for (const [userId, tabs] of [...this.tabs]) {
      const user = await this.options.accounts.getUser(userId)
      for (const tab of [...tabs])
        if (!user || user.disabled || user.sessionVersion !== tab.sessionVersion) tab.end()
    }
  }

  /** How many tabs are open, for tests. */
  get tabCount(): number {
    let count = 0
    for (const tabs of this.tabs.values()) count += tabs.size
    return count
  }

  async close(): Promise<void> {
    for (const { timer } of this.settling.values()) clearTimeout(timer)
    this.settling.clear()
    this.tabs.clear()
    const stops = [...this.feedStops.values()]
    this.feedStops.clear()
    await Promise.all(stops.map(async (stop) => (await stop)?.()))
  }

  private async compare(planId: string, plan: PlanDoc): Promise<void> {
    for (const userId of [...this.tabs.keys()]) {
      const user = await this.options.accounts.getUser(userId)
      const role = user && (await planRole(this.options.accounts, user, planId))
      const items = role ? inboxItems(plan, planId, userId, role) : []
      const key = `${userId}\n${planId}`
      const now = signature(items)
      if ((this.shown.get(key) ?? '') === now) continue
      this.shown.set(key, now)
      this.deliver(userId, { kind: 'changed', planId })
    }
  }

  private deliver(userId: string, event: InboxEvent): void {
    for (const tab of this.tabs.get(userId) ?? []) tab.send(event)
  }
}

function signature(items: InboxItem[]): string {
  return items
    .map((item) => item.id)
    .sort()
    .join('\n')
}
