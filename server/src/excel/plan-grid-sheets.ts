import type { PlanDoc, PlanModel } from '@tandem/shared'
import { periodKey } from '@tandem/shared'
import { PLAN_COLUMN_HEADERS, PLAN_COLUMNS } from './plan-columns.js'
import type { SheetOut } from './sheet-out.js'
import type { SheetCell } from './sheet-table.js'

/** The period keys of a plan's horizon, in order. */
export function periodKeys(plan: PlanDoc): string[] {
  const meta = plan.readMeta()
  return Array.from({ length: meta.periodCount }, (_, p) =>
    periodKey(meta.periodKind, meta.firstPeriod, p),
  )
}

/**
 * The Plan sheet in the import layout: per SKU its demand and supply rows with the item's
 * master data, then one capacity row per resource. Importing it gives the same plan.
 */
export function planGridSheet(plan: PlanDoc): SheetOut {
  const header: SheetCell[] = [
    ...PLAN_COLUMNS.map((c) => PLAN_COLUMN_HEADERS[c][0]),
    ...periodKeys(plan),
  ]
  const rows: SheetCell[][] = [header]
  for (const sku of plan.listSkus()) {
    const item = plan.readItem(sku)
    if (!item) continue
    for (const measure of ['demand', 'supply'] as const) {
      rows.push([
        item.family,
        sku,
        item.name,
        item.site,
        item.unit,
        item.resource,
        item.openingStock,
        item.safetyStock,
        item.maxStock,
        item.price ?? null,
        item.unitCost ?? null,
        item.leadTime ?? null,
        item.minBatch ?? null,
        item.lotSize ?? null,
        measure,
        ...plan.readRow(measure, sku),
      ])
    }
  }
  for (const resource of plan.readMeta().resources) {
    const values = plan.readRow('capacity', resource.id)
    rows.push([
      '',
      resource.id,
      resource.name,
      resource.site,
      '',
      '',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'capacity',
      ...values,
    ])
  }
  return { name: 'Plan', rows, widths: [18, 14, 28, 8, 6, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10] }
}

/** Projected inventory per SKU (computed, read-only: imports ignore this sheet). */
export function projectionSheet(plan: PlanDoc, model: PlanModel): SheetOut {
  const rows: SheetCell[][] = [['Family', 'SKU', 'Name', 'Measure', ...periodKeys(plan)]]
  for (const sku of plan.listSkus()) {
    const view = model.sku(sku)
    if (view) rows.push([view.item.family, sku, view.item.name, 'projected', ...view.projected])
  }
  return { name: 'Projection', rows, widths: [18, 14, 28, 10] }
}

/** The Settings sheet: the plan settings an import reads back. */
export function settingsSheet(plan: PlanDoc): SheetOut {
  const meta = plan.readMeta()
  const frozen =
    meta.frozenThrough >= 0
      ? periodKey(meta.periodKind, meta.firstPeriod, meta.frozenThrough)
      : 'none'
  return {
    name: 'Settings',
    rows: [
      ['Key', 'Value'],
      ['name', meta.name],
      ['unit', meta.unit],
      ['decimals', meta.decimals],
      ['maxValue', meta.maxValue],
      ['frozenThrough', frozen],
    ],
    widths: [16, 40],
  }
}
