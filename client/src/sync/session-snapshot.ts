import type { ConnectionStatus, SessionFailure } from './connection-status.js'
import type { PlanLive } from './plan-live.js'

/** What React renders from: replaced (never mutated) whenever something visible changes. */
export interface SessionSnapshot {
  live: PlanLive | undefined
  status: ConnectionStatus
  unsaved: number
  failure: SessionFailure | undefined
}

export function sameSnapshot(a: SessionSnapshot, b: SessionSnapshot): boolean {
  return (
    a.live === b.live && a.status === b.status && a.unsaved === b.unsaved && a.failure === b.failure
  )
}
