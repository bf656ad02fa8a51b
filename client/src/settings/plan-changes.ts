import type { ItemChange, RuleViolation, SettingsChange } from '@tandem/shared'
import {
  addItem,
  checkItemChange,
  checkSettingsChange,
  writeItemFields,
  writeSettings,
} from '@tandem/shared'
import { MASTER_ORIGIN } from '../sync/local-origin.js'
import type { PlanSession } from '../sync/plan-session.js'

/**
 * Checks a settings change with the server's rules and writes it into the plan document, or
 * returns the first violation and writes nothing. The server checks the update again.
 */
export function changeSettings(
  session: PlanSession,
  change: SettingsChange,
): RuleViolation | undefined {
  const live = session.getSnapshot().live
  if (!live) return undefined
  const found = checkSettingsChange(live.plan.readMeta(), session.role, change)
  if (found) return found
  writeSettings(live.plan, change, MASTER_ORIGIN)
  return undefined
}

/** The same for master data: a new SKU with its rows, or fields (retired too) of one. */
export function changeItem(session: PlanSession, change: ItemChange): RuleViolation | undefined {
  const live = session.getSnapshot().live
  if (!live) return undefined
  const found = checkItemChange(live.plan, session.role, change)
  if (found) return found
  if (change.isNew) {
    addItem(
      live.plan,
      {
        sku: change.sku,
        name: '',
        family: '',
        site: live.plan.readMeta().sites[0]?.id ?? '',
        unit: '',
        openingStock: 0,
        safetyStock: 0,
        maxStock: 0,
        resource: '',
        ...change.fields,
      },
      MASTER_ORIGIN,
    )
  } else writeItemFields(live.plan, change.sku, change.fields, MASTER_ORIGIN)
  return undefined
}
