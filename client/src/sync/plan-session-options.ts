import type { SessionIdentity } from './session-identity.js'

export interface PlanSessionOptions {
  planId: string
  identity: SessionIdentity
  /** `ws://host/sync`: the room name (the plan id) is appended by the provider. */
  syncUrl: string
  /** The plan's creation time from the REST API: a different one means the local copy is stale. */
  createdAt?: string
  /** Called when the server says my role in the plan changed (close 4012), to look it up again. */
  onAccessChanged?: () => void
}
