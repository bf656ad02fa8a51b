import type { Authenticator } from '../auth/authenticator.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { PlanRecords } from '../store/plan-records.js'
import type { ScenarioStore } from '../store/scenario-store.js'

/** What the plan-scoped route plugins are registered with. */
export interface RouteDeps {
  log: PlanLog
  records: PlanRecords
  accounts: Accounts
  auth: Authenticator
  rooms: RoomRegistry
  /** Scenarios, where a route reports them (the activity feed). */
  scenarios?: ScenarioStore
}
