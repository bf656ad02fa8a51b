import type { PlanDoc, RejectionCode } from '@tandem/shared'

/**
 * What a room reports as it works, for metrics and the inbox. The room owns this port; the server's metrics
 * implement it, so rooms/ imports nothing of them.
 */
export interface RoomObserver {
  /** A peer's update kept the rules and changed the document. */
  updateAccepted(): void
  /** A peer's update broke a rule and was not applied. */
  updateRejected(code: RejectionCode): void
  /** After a durable append: how many update messages went out to peers. */
  relayed(messages: number): void
  /**
   * The room's document changed (a peer's update, another instance's, a server write), for the
   * inbox. Called inside the document's update event: it must only note the change.
   */
  documentChanged?(planId: string, plan: PlanDoc): void
}
