import type { Measure } from '../roots.js'

/** What happened to a scenario of the plan, in its activity feed. */
export const SCENARIO_EVENTS = ['created', 'promoted', 'discarded'] as const

/** One accepted update in a plan's activity feed, as `GET /api/plans/:id/activity` lists it. */
export interface ActivityEntry {
  /** The update's position in the plan's log. */
  seq: string
  author: string
  /** ISO timestamp. */
  at: string
  /** How many cells it set. */
  cells: number
  /** The measures and row keys it touched (at most 10 keys). */
  measures: Measure[]
  keys: string[]
  /** Present for a scenario of the plan created, promoted or discarded (then `cells` is 0). */
  scenario?: { id: string; name: string; event: (typeof SCENARIO_EVENTS)[number] }
}
