import type { Authenticator } from '../auth/authenticator.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { PlanStore } from '../store/plan-store.js'

/** What the plan-scoped route plugins are registered with. */
export interface RouteDeps {
  store: PlanStore
  auth: Authenticator
  rooms: RoomRegistry
}
