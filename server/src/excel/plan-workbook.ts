import type { PlanDoc } from '@tandem/shared'
import { actualsRow, PlanModel } from '@tandem/shared'
import type { UserNames } from './discussion-sheets.js'
import { commentsSheet, flagsSheet, gapsSheet } from './discussion-sheets.js'
import { historySheet } from './history-sheet.js'
import { planGridSheet, projectionSheet, settingsSheet } from './plan-grid-sheets.js'
import type { SheetOut } from './sheet-out.js'
import { sitesSheet, transfersSheet } from './site-sheets.js'

/**
 * The sheets of a plan's XLSX export: Plan (the import layout), Settings, Sites, Transfers,
 * History (actuals), Production history (when the plan has actual production), Projection, Gaps, Comments and Flags. A new plan from the file reads back
 * Plan, Settings, Sites, Transfers and History; updating a plan reads Plan, History and
 * Production history.
 */
export function planWorkbook(plan: PlanDoc, users: UserNames): SheetOut[] {
  const model = new PlanModel(plan)
  try {
    return [
      planGridSheet(plan),
      settingsSheet(plan),
      sitesSheet(plan),
      transfersSheet(plan),
      historySheet(plan),
      ...(plan.listSkus().some((sku) => actualsRow(plan, sku, 'production'))
        ? [historySheet(plan, 'production')]
        : []),
      projectionSheet(plan, model),
      gapsSheet(plan, model),
      commentsSheet(plan, users),
      flagsSheet(plan, users),
    ]
  } finally {
    model.destroy()
  }
}
