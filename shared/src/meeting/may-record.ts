import type { Role } from '../rules/role.js'
import type { MeetingSession } from './meeting-state.js'

/** May a person with `role` record decisions and actions? Planners, and the roles they list. */
export function mayRecord(role: Role, session: Pick<MeetingSession, 'recorders'>): boolean {
  return role === 'planner' || session.recorders.includes(role)
}
