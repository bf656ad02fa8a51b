import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'

/** The plan settings a planner changes on the board. The horizon is fixed at creation. */
export const EDITABLE_SETTINGS = ['name', 'frozenThrough', 'status', 'unit', 'decimals'] as const

export type EditableSetting = (typeof EDITABLE_SETTINGS)[number]

export type SettingsChange = Partial<Pick<PlanMeta, EditableSetting>>

/**
 * Writes plan settings in one transaction, skipping values the plan already holds. The caller
 * checks `checkSettingsChange` first.
 */
export function writeSettings(plan: PlanDoc, change: SettingsChange, origin?: unknown): void {
  plan.doc.transact(() => {
    for (const [field, value] of Object.entries(change)) {
      if (value !== undefined && plan.meta.get(field) !== value) plan.meta.set(field, value)
    }
  }, origin)
}
