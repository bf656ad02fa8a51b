import type { ImportColumn, Measure } from '@tandem/shared'
import { IMPORT_COLUMNS } from '@tandem/shared'

/** The fixed columns of the Plan sheet, in the order an export writes them. */
export const PLAN_COLUMNS = IMPORT_COLUMNS

export type PlanColumn = ImportColumn

/** Each column's header in English (written by exports), then the other names it is known by. */
export const PLAN_COLUMN_HEADERS: Record<PlanColumn, readonly string[]> = {
  family: ['Family', 'Product family', '产品族'],
  sku: ['SKU', 'Item', '物料'],
  name: ['Name', '名称'],
  site: ['Site', '工厂', '站点'],
  unit: ['Unit', '单位'],
  resource: ['Resource', '资源'],
  openingStock: ['Opening stock', '期初库存'],
  safetyStock: ['Safety stock', '安全库存'],
  maxStock: ['Max stock', 'Maximum stock', '最高库存'],
  price: ['Price', 'Unit price', '单价', '价格'],
  unitCost: ['Unit cost', 'Cost', '单位成本'],
  leadTime: ['Lead time', '提前期'],
  minBatch: ['Min batch', 'Minimum batch', '最小批量'],
  lotSize: ['Lot size', '批量倍数'],
  measure: ['Measure', '指标'],
}

/** Each measure's name in the Measure column, then the other names it is known by. */
export const MEASURE_NAMES: Record<Measure, readonly string[]> = {
  demand: ['demand', '需求', '需求预测'],
  supply: ['supply', '供应', '供应计划', '生产计划'],
  capacity: ['capacity', '产能'],
}

/** The longest text each item field may hold. */
export const TEXT_COLUMN_LIMITS = {
  family: 200,
  sku: 64,
  name: 200,
  site: 100,
  unit: 20,
  resource: 64,
} as const satisfies Partial<Record<PlanColumn, number>>

const byHeader = new Map<string, PlanColumn>()
for (const column of PLAN_COLUMNS) {
  for (const header of PLAN_COLUMN_HEADERS[column]) byHeader.set(normalize(header), column)
}
const byMeasureName = new Map<string, Measure>()
for (const [measure, names] of Object.entries(MEASURE_NAMES) as [Measure, readonly string[]][]) {
  for (const name of names) byMeasureName.set(normalize(name), measure)
}

/** The fixed column a header names (case and spacing ignored, English or 中文), if any. */
export function planColumnOf(header: string): PlanColumn | undefined {
  return byHeader.get(normalize(header))
}

/** The measure a Measure cell names, if any. */
export function measureOf(text: string): Measure | undefined {
  return byMeasureName.get(normalize(text))
}

function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
}
