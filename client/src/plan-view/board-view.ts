import type { TFunction } from 'i18next'
import type { GapKind, PlanDoc, PlanMeta, PlanModel, Role } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { CompareOverlay } from './compare-overlay.js'
import type { BoardLayout } from './board-layout.js'

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
}

/** Family, SKU, name and measure stay in place while the periods scroll. */
export const FROZEN_COLUMNS = 4

export function periodOfColumn(col: number): number {
  return col - FROZEN_COLUMNS
}

export function columnOfPeriod(period: number): number {
  return period + FROZEN_COLUMNS
}
