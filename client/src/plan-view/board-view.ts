import type { TFunction } from 'i18next'
import type { GapKind, PlanDoc, PlanMeta, PlanModel, Role } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { CompareOverlay } from './compare-overlay.js'
import type { BoardLayout } from './board-layout.js'
import type { TimeAxis } from './time-axis.js'

/** Everything the grid reads from while painting, rebuilt when one of its parts changes. */
export interface BoardView {
  plan: PlanDoc
  model: PlanModel
  meta: PlanMeta
  layout: BoardLayout
  role: Role
  /** Only SKUs with gaps are shown. */
  gapsOnly: boolean
  /** Only SKUs with a gap of this kind (a gap badge pressed). */
  gapKind?: GapKind
  format: Formatters
  t: TFunction
  /** A comparison with a version, whose changed cells are highlighted. */
  compare?: CompareOverlay
  /** The name of the version shown read-only instead of the live plan. */
  shownVersion?: string
  /** The time columns: plan periods, or months or quarters rolled up from them. */
  axis: TimeAxis
  /** The SKUs the search box found, and the one it is on. */
  search?: SearchHits
}

/** What the search box found, for highlighting. */
export interface SearchHits {
  skus: ReadonlySet<string>
  current: string | undefined
}

/**
 * The label columns before the periods: family, SKU, name, the SKU's gap count and the measure
 * (next to the numbers it names).
 */
export const LABEL_COLUMN_IDS = ['family', 'sku', 'name', 'gaps', 'measure'] as const

export type LabelColumnId = (typeof LABEL_COLUMN_IDS)[number]

/**
 * How many label columns come before the first period column (and stay in place by default:
 * how many stay in place is the view state's `frozenColumns`).
 */
export const FROZEN_COLUMNS = LABEL_COLUMN_IDS.length

/** The plan period of a column at the plan's own grain (the bucket index when rolled up). */
export function periodOfColumn(col: number): number {
  return col - FROZEN_COLUMNS
}

export function columnOfPeriod(period: number): number {
  return period + FROZEN_COLUMNS
}

/**
 * The one plan period under a grid column, for what is anchored to a single period (comments,
 * history, gap explanations, changes): undefined on a label column, past the horizon, or on a
 * rolled-up column that covers several periods.
 */
export function periodAt(view: Pick<BoardView, 'axis' | 'meta'>, col: number): number | undefined {
  const period = periodOfColumn(col)
  if (col < FROZEN_COLUMNS || period >= view.meta.periodCount || view.axis.rolled) return undefined
  return period
}
