import type { Authenticator } from '../auth/authenticator.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { PlanRecords } from '../store/plan-records.js'
import type { ScenarioStore } from '../store/scenario-store.js'

/** What scenario routes and jobs are built from. */
export interface ScenarioDeps {
  log: PlanLog
  records: PlanRecords
  accounts: Accounts
  auth: Authenticator
  rooms: RoomRegistry
  scenarios: ScenarioStore
}
