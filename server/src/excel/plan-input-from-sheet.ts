import type { ImportPlace, Item, PlanInput, Resource, Site } from '@tandem/shared'
import { DEFAULT_MAX_VALUE, periodKey } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { checkPlanInput } from '../plans/check-plan-input.js'
import { ImportProblem, issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import type { PlanSheet, PlanSheetRow } from './parse-plan-sheet.js'
import type { PlanSettings } from './parse-settings-sheet.js'
import { PLAN_COLUMN_HEADERS } from './plan-columns.js'
import { decimalPlaces } from './sheet-number.js'
import type { SheetTable } from './sheet-table.js'
import { parseTransfersSheet } from './site-sheets.js'

const ITEM_TEXT = ['family', 'name', 'site', 'unit', 'resource'] as const
const ITEM_STOCK = [
  'openingStock',
  'safetyStock',
  'maxStock',
  'price',
  'unitCost',
  'leadTime',
  'minBatch',
  'lotSize',
] as const

/**
 * Builds a new plan from the Plan sheet and the settings: the periods (consecutive) give the
 * horizon, demand and supply rows give the items, capacity rows the resources. Blank values
 * are 0. Every problem names its cell; then `checkPlanInput` runs the same checks as a plan
 * created from JSON, its findings mapped back to cells.
 */
export function planInputFromSheet(
  sheet: PlanSheet,
  settings: PlanSettings,
  issues: IssueList,
  name?: string,
  extra: { sites: Site[]; transfers?: SheetTable } = { sites: [] },
): PlanInput {
  const at = (row: number, column?: number, field?: string): ImportPlace => ({
    sheet: sheet.sheet,
    row,
    column,
    field,
  })
  const first = sheet.periods[0].label
  const headerRow = sheet.headerRow
  sheet.periods.forEach(({ column, label }, p) => {
    const expected = periodKey(first.kind, first.start, p)
    if (label.key !== expected) {
      issues.add(
        issueAt('periodsNotConsecutive', at(headerRow, column), { expected, found: label.key }),
      )
    }
  })
  const decimals = settings.decimals?.value ?? sheet.decimals
  const maxValue = settings.maxValue?.value ?? DEFAULT_MAX_VALUE
  const items = new Map<string, { item: Item; rows: Map<string, number> }>()
  const resources = new Map<string, Resource>()
  const seen = new Map<string, number>()
  const rowOf = new Map<string, PlanSheetRow>()
  const input: PlanInput = {
    meta: {
      name: name ?? settings.name?.value ?? 'Imported plan',
      periodKind: first.kind,
      firstPeriod: first.start,
      periodCount: sheet.periods.length,
      frozenThrough: -1,
      status: 'draft',
      unit: settings.unit?.value ?? '',
      maxValue,
      decimals,
      resources: [],
      sites: extra.sites,
    },
    items: [],
    demand: {},
    supply: {},
    capacity: {},
  }
  for (const row of sheet.rows) {
    const id = `${row.measure}.${row.key}`
    const skuCell = at(row.row, sheet.columns.sku, 'sku')
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      const params = { key: row.key, measure: row.measure, firstRow: earlier }
      issues.add(issueAt('duplicateRow', skuCell, params))
      continue
    }
    seen.set(id, row.row)
    rowOf.set(id, row)
    input[row.measure][row.key] = row.values.map((value, p) => {
      const v = value ?? 0
      const { column, label } = sheet.periods[p]
      const place = at(row.row, column, label.key)
      if (v < 0) issues.add(issueAt('negativeValue', place, { value: v }))
      else if (v > maxValue)
        issues.add(issueAt('valueTooLarge', place, { value: v, max: maxValue }))
      else if (decimals < 6 && decimalPlaces(v) > decimals) {
        issues.add(issueAt('tooManyDecimals', place, { value: v, decimals }))
      }
      return v
    })
    for (const field of ITEM_STOCK) {
      const v = row.stock[field]
      if (v === undefined) continue
      const place = at(row.row, sheet.columns[field], field)
      if (v < 0) issues.add(issueAt('negativeValue', place, { value: v }))
      else if (v > maxValue)
        issues.add(issueAt('valueTooLarge', place, { value: v, max: maxValue }))
    }
    if (row.measure === 'capacity') {
      resources.set(row.key, {
        id: row.key,
        name: row.text.name ?? row.key,
        site: row.text.site ?? '',
      })
      continue
    }
    let entry = items.get(row.key)
    if (!entry) {
      entry = { item: emptyItem(row.key), rows: new Map() }
      items.set(row.key, entry)
    }
    mergeItem(
      entry,
      row,
      (field, column, before) => {
        const params = { header: PLAN_COLUMN_HEADERS[field][0], key: row.key, firstRow: before }
        issues.add(issueAt('conflictingItemField', at(row.row, column, field), params))
      },
      sheet,
    )
  }
  input.items = [...items.values()].map((entry) => entry.item)
  input.meta.resources = [...resources.values()]
  if (!settings.unit) input.meta.unit = input.items.find((item) => item.unit)?.unit ?? ''
  for (const [sku, { item, rows }] of items) {
    if (!item.resource || resources.has(item.resource)) continue
    const place = at(rows.get('resource') ?? 0, sheet.columns.resource, 'resource')
    issues.add(issueAt('unknownResource', place, { key: sku, resource: item.resource }))
  }
  const frozen = settings.frozenThrough
  if (frozen) {
    const index = frozenIndex(frozen.value, sheet)
    if (index === undefined) {
      issues.add(issueAt('badFrozenThrough', frozen.place, { example: first.key }))
    } else input.meta.frozenThrough = index
  }
  if (extra.transfers) {
    const keys = sheet.periods.map((_, p) => periodKey(first.kind, first.start, p))
    input.transfers = parseTransfersSheet(extra.transfers, keys, issues)
  }
  issues.throwIfAny()
  try {
    checkPlanInput(input)
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error
    const place = error.field?.startsWith('transfers.')
      ? { sheet: extra.transfers?.name ?? 'Transfers' }
      : error.field === 'meta.sites'
        ? { sheet: 'Sites' }
        : placeOf(error.field, input, sheet, items, rowOf, settings)
    throw ImportProblem.single('planCheckFailed', place, { detail: error.message })
  }
  return input
}

function emptyItem(sku: string): Item {
  return {
    sku,
    name: '',
    family: '',
    site: '',
    unit: '',
    openingStock: 0,
    safetyStock: 0,
    maxStock: 0,
    resource: '',
  }
}

function mergeItem(
  entry: { item: Item; rows: Map<string, number> },
  row: PlanSheetRow,
  conflict: (
    field: (typeof ITEM_TEXT)[number] | (typeof ITEM_STOCK)[number],
    column: number,
    before: number,
  ) => void,
  sheet: PlanSheet,
): void {
  const fields = [
    ...ITEM_TEXT.map((field) => [field, row.text[field]] as const),
    ...ITEM_STOCK.map((field) => [field, row.stock[field]] as const),
  ]
  for (const [field, value] of fields) {
    if (value === undefined) continue
    const before = entry.rows.get(field)
    if (before !== undefined && entry.item[field] !== value) {
      conflict(field, sheet.columns[field] ?? 0, before)
      continue
    }
    ;(entry.item as unknown as Record<string, string | number>)[field] = value
    entry.rows.set(field, row.row)
  }
}

function frozenIndex(text: string, sheet: PlanSheet): number | undefined {
  const lower = text.toLowerCase()
  if (lower === 'none' || lower === '-1') return -1
  if (/^\d+$/.test(text)) {
    const index = Number(text)
    return index < sheet.periods.length ? index : undefined
  }
  const index = sheet.periods.findIndex((p) => p.label.key === text.toUpperCase())
  return index >= 0 ? index : undefined
}

/** Maps a `checkPlanInput` field (`items[3].sku`, `demand.SKU-1[4]`) back to its cell. */
function placeOf(
  field: string | undefined,
  input: PlanInput,
  sheet: PlanSheet,
  items: Map<string, { rows: Map<string, number> }>,
  rows: Map<string, PlanSheetRow>,
  settings: PlanSettings,
): ImportPlace {
  const cell = (row: number, column?: number): ImportPlace => ({ sheet: sheet.sheet, row, column })
  const whole = { sheet: sheet.sheet }
  const item = /^items\[(\d+)\]\.(\w+)$/.exec(field ?? '')
  if (item) {
    const sku = input.items[Number(item[1])]?.sku ?? ''
    const key = item[2] === 'resource' ? 'resource' : 'sku'
    const first = rows.get(`demand.${sku}`)?.row ?? rows.get(`supply.${sku}`)?.row
    const row = key === 'resource' ? (items.get(sku)?.rows.get('resource') ?? first) : first
    return row === undefined ? whole : cell(row, sheet.columns[key])
  }
  const resource = /^meta\.resources\[(\d+)\]/.exec(field ?? '')
  if (resource) {
    const row = rows.get(`capacity.${input.meta.resources[Number(resource[1])]?.id}`)?.row
    return row === undefined ? whole : cell(row, sheet.columns.sku)
  }
  const value = /^(demand|supply|capacity)\.(.+?)(?:\[(\d+)\])?$/.exec(field ?? '')
  if (value) {
    const row = rows.get(`${value[1]}.${value[2]}`)?.row
    const column =
      value[3] === undefined ? sheet.columns.sku : sheet.periods[Number(value[3])]?.column
    return row === undefined ? whole : cell(row, column)
  }
  if (field === 'meta.frozenThrough' && settings.frozenThrough) {
    return settings.frozenThrough.place
  }
  return field === 'meta.firstPeriod' ? cell(sheet.headerRow, sheet.periods[0].column) : whole
}
