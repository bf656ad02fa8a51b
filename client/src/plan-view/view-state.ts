import type { TimeGrain } from '@tandem/shared'
import { TIME_GRAINS } from '@tandem/shared'
import { FROZEN_COLUMNS } from './board-view.js'
import type { RowOptions } from './row-options.js'
import { defaultRowOptions, parseRowOptions } from './row-options.js'
import type { SkuSort } from './sku-sort.js'
import { SORT_MEASURES } from './sku-sort.js'

/**
 * What one person sees of a plan, apart from the plan itself: the rows and filter
 * (`RowOptions`, where grouping and other filters join), the sort, column widths, how many
 * columns stay frozen and the time grain. Plain JSON: it is kept per user and plan in the
 * browser and is what a meeting presenter shares with followers (read it with `parseViewState`).
 */
export interface ViewState extends RowOptions {
  sort?: SkuSort
  /** Widths in CSS pixels by column id (`family`, `sku`, …, `p12` or a bucket key). */
  columnWidths: Record<string, number>
  /** How many columns from the left stay in place while the rest scroll (at least one). */
  frozenColumns: number
  grain: TimeGrain
}

/** The label columns stay in place until a person chooses otherwise. */
export const DEFAULT_FROZEN_COLUMNS = FROZEN_COLUMNS
/** At most the label columns and four periods stay in place. */
export const MAX_FROZEN_COLUMNS = FROZEN_COLUMNS + 4
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 600

/** The view of a plan opened for the first time. */
export function defaultViewState(grain: TimeGrain = 'week'): ViewState {
  return { ...defaultRowOptions(), columnWidths: {}, frozenColumns: DEFAULT_FROZEN_COLUMNS, grain }
}

/** A view state read from untrusted JSON: unknown or out-of-range parts fall back to defaults. */
export function parseViewState(stored: unknown, fallbackGrain: TimeGrain = 'week'): ViewState {
  const given = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >
  const grain = TIME_GRAINS.find((g) => g === given.grain) ?? fallbackGrain
  const frozen = given.frozenColumns
  const sort = parseSort(given.sort)
  return {
    ...parseRowOptions(given),
    ...(sort ? { sort } : {}),
    columnWidths: parseWidths(given.columnWidths),
    frozenColumns:
      typeof frozen === 'number' &&
      Number.isInteger(frozen) &&
      frozen >= 1 &&
      frozen <= MAX_FROZEN_COLUMNS
        ? frozen
        : DEFAULT_FROZEN_COLUMNS,
    grain,
  }
}

function parseSort(value: unknown): SkuSort | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const sort = value as Record<string, unknown>
  const direction =
    sort.direction === 'ascending' || sort.direction === 'descending' ? sort.direction : undefined
  if (!direction) return undefined
  if (sort.by === 'name' || sort.by === 'gaps') return { by: sort.by, direction }
  const measure = SORT_MEASURES.find((m) => m === sort.measure)
  const period = sort.period
  if (sort.by !== 'period' || !measure) return undefined
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 0) return undefined
  return { by: 'period', period, measure, direction }
}

function parseWidths(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {}
  const widths: Record<string, number> = {}
  for (const [id, width] of Object.entries(value)) {
    if (!/^[\w-]{1,32}$/.test(id) || typeof width !== 'number' || !Number.isFinite(width)) continue
    widths[id] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)))
  }
  return widths
}

/** Where the browser keeps a person's view of a plan. */
export function viewStateKey(userId: string, planId: string): string {
  return `tandem:view:${encodeURIComponent(userId)}:${encodeURIComponent(planId)}`
}

/** Rows chosen before views were kept per plan, used for a plan not opened since. */
const LEGACY_ROWS_KEY = 'tandem:rows'

type ViewStorage = Pick<Storage, 'getItem' | 'setItem'>

/** My view of a plan, as I left it (or the rows I last chose anywhere, for a new plan). */
export function loadViewState(
  storage: ViewStorage,
  userId: string,
  planId: string,
  fallbackGrain: TimeGrain,
): ViewState {
  try {
    const stored = storage.getItem(viewStateKey(userId, planId))
    if (stored !== null) return parseViewState(JSON.parse(stored), fallbackGrain)
    const rows = storage.getItem(LEGACY_ROWS_KEY)
    return parseViewState(rows === null ? {} : JSON.parse(rows), fallbackGrain)
  } catch {
    return defaultViewState(fallbackGrain)
  }
}

export function saveViewState(
  storage: ViewStorage,
  userId: string,
  planId: string,
  state: ViewState,
): void {
  try {
    storage.setItem(viewStateKey(userId, planId), JSON.stringify(state))
    storage.setItem(LEGACY_ROWS_KEY, JSON.stringify(rowOptionsOf(state)))
  } catch {
    // A full or disabled storage only loses the view across reloads.
  }
}

/** The parts of a view state that are not row options. */
const VIEW_KEYS = ['sort', 'columnWidths', 'frozenColumns', 'grain'] as const

/** The row options part of a view state (whatever row options there are). */
export function rowOptionsOf(state: ViewState): RowOptions {
  const rows: Partial<ViewState> = { ...state }
  for (const key of VIEW_KEYS) delete rows[key]
  return rows as RowOptions
}

/** A view state with other row options (the toolbar's rows and filter), the rest kept. */
export function withRowOptions(state: ViewState, rows: RowOptions): ViewState {
  const { sort, columnWidths, frozenColumns, grain } = state
  return { ...rows, ...(sort ? { sort } : {}), columnWidths, frozenColumns, grain }
}
