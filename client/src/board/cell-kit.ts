import type { GridCell, Theme } from '@glideapps/glide-data-grid'
import { GridCellKind } from '@glideapps/glide-data-grid'
import type { GapKind } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import {
  FAMILY_BG,
  FROZEN_BG,
  GAP_COLOURS,
  GAP_INK,
  READ_ONLY_BG,
  READ_ONLY_TEXT,
  SEARCH_BG,
  SEARCH_CURRENT_BG,
} from './gap-colours.js'

export type Override = Partial<Theme>

export const READ_ONLY: Override = { bgCell: READ_ONLY_BG, textDark: READ_ONLY_TEXT }
export const FROZEN: Override = { bgCell: FROZEN_BG, textDark: READ_ONLY_TEXT }
export const FAMILY: Override = { bgCell: FAMILY_BG, baseFontStyle: '600 13px' }
export const FAMILY_READ_ONLY: Override = { ...FAMILY, textDark: READ_ONLY_TEXT }
export const FAMILY_SHORT: Override = {
  ...FAMILY,
  bgCell: GAP_COLOURS.shortage,
  textDark: GAP_INK.shortage,
}
export const LABEL: Override = { textDark: '#1f2937' }
export const LABEL_FADED: Override = { textDark: '#9ca3af' }
export const GAP: Record<GapKind, Override> = {
  shortage: { bgCell: GAP_COLOURS.shortage, textDark: GAP_INK.shortage },
  belowSafetyStock: { bgCell: GAP_COLOURS.belowSafetyStock, textDark: GAP_INK.belowSafetyStock },
  overCapacity: { bgCell: GAP_COLOURS.overCapacity, textDark: GAP_INK.overCapacity },
  excess: { bgCell: GAP_COLOURS.excess, textDark: GAP_INK.excess },
}
export const GAP_EDITABLE: Record<GapKind, Override> = {
  shortage: { bgCell: GAP_COLOURS.shortage },
  belowSafetyStock: { bgCell: GAP_COLOURS.belowSafetyStock },
  overCapacity: { bgCell: GAP_COLOURS.overCapacity },
  excess: { bgCell: GAP_COLOURS.excess },
}

export const EMPTY: GridCell = {
  kind: GridCellKind.Text,
  data: '',
  displayData: '',
  allowOverlay: false,
  readonly: true,
}

export const SEARCH_HIT: Override = { bgCell: SEARCH_BG, textDark: '#1f2937' }
export const SEARCH_CURRENT: Override = {
  bgCell: SEARCH_CURRENT_BG,
  textDark: '#111827',
  baseFontStyle: '600 13px',
}

export function text(display: string, theme: Override | undefined, align?: 'right'): GridCell {
  return {
    kind: GridCellKind.Text,
    data: display,
    displayData: display,
    allowOverlay: false,
    readonly: true,
    themeOverride: theme,
    contentAlign: align,
  }
}

export function number(
  view: BoardView,
  value: number,
  editable: boolean,
  theme: Override | undefined,
): GridCell {
  return {
    kind: GridCellKind.Number,
    data: value,
    displayData: view.format.number(value),
    allowOverlay: editable,
    readonly: !editable,
    allowNegative: false,
    fixedDecimals: view.meta.decimals,
    contentAlign: 'right',
    themeOverride: theme,
  }
}
