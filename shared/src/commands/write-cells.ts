import type { CellEdit } from '../cell-edit.js'
import type { PlanDoc } from '../plan-doc.js'

/**
 * The one way cells are written, by the client session and by the server (import, restore):
 * every edit in one transaction under `origin`. Rows that do not exist and values the cell
 * already shows are skipped. The caller checks the rules first.
 */
export function writeCells(plan: PlanDoc, edits: Iterable<CellEdit>, origin?: unknown): void {
  plan.doc.transact(() => {
    for (const { measure, key, period, value } of edits) {
      const row = plan.row(measure, key)
      if (!row) continue
      if (value === undefined) {
        if (row.edits.has(String(period))) row.edits.delete(String(period))
      } else if (plan.readCell(measure, key, period) !== value) {
        plan.writeCell(measure, key, period, value)
      }
    }
  }, origin)
}
