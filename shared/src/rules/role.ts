import type { RootName } from '../roots.js'

/** The roles a person can hold in a plan. */
export const ROLES = ['planner', 'sales', 'production', 'viewer'] as const

export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

const WRITERS: Record<RootName, readonly Role[]> = {
  meta: ['planner'],
  items: ['planner'],
  demand: ['sales', 'planner'],
  supply: ['production', 'planner'],
  capacity: ['production', 'planner'],
  comments: ['planner', 'sales', 'production', 'viewer'],
  flags: ['planner', 'sales', 'production', 'viewer'],
  actuals: ['planner'],
  // Only the server writes the statistical forecast (Room.change), never a client.
  forecast: [],
  overrideReasons: ['sales', 'planner'],
  cycle: ['planner'],
  transfers: ['production', 'planner'],
  // Finer rules in check-meeting-write.ts: planners start it, recorders record, each attends.
  meeting: ['planner', 'sales', 'production', 'viewer'],
}

/** May this role write into this root at all? Finer rules (own messages, frozen periods) follow. */
export function roleMayWrite(role: Role, root: RootName): boolean {
  return WRITERS[root].includes(role)
}
