import type { GridCell, Item, Theme } from '@glideapps/glide-data-grid'
import { GridCellKind } from '@glideapps/glide-data-grid'
import type { FamilyView, GapKind } from '@tandem/shared'
import { isFrozenPeriod } from '@tandem/shared'
import type { BoardRow, FamilyMeasure } from '../plan-view/board-row.js'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'
import { markChanged } from '../versions/mark-changed.js'
import { forecastCell } from '../forecast/forecast-cell.js'
import { isEditable } from './editable.js'
import { gapAt } from './gap-at.js'
import {
  FAMILY_BG,
  FROZEN_BG,
  GAP_COLOURS,
  GAP_INK,
  READ_ONLY_BG,
  READ_ONLY_TEXT,
} from './gap-colours.js'

type Override = Partial<Theme>

const READ_ONLY: Override = { bgCell: READ_ONLY_BG, textDark: READ_ONLY_TEXT }
const FROZEN: Override = { bgCell: FROZEN_BG, textDark: READ_ONLY_TEXT }
const FAMILY: Override = { bgCell: FAMILY_BG, baseFontStyle: '600 13px' }
const FAMILY_READ_ONLY: Override = { ...FAMILY, textDark: READ_ONLY_TEXT }
const FAMILY_SHORT: Override = {
  ...FAMILY,
  bgCell: GAP_COLOURS.shortage,
  textDark: GAP_INK.shortage,
}
const LABEL: Override = { textDark: '#1f2937' }
const LABEL_FADED: Override = { textDark: '#9ca3af' }
const GAP: Record<GapKind, Override> = {
  shortage: { bgCell: GAP_COLOURS.shortage, textDark: GAP_INK.shortage },
  belowSafetyStock: { bgCell: GAP_COLOURS.belowSafetyStock, textDark: GAP_INK.belowSafetyStock },
  overCapacity: { bgCell: GAP_COLOURS.overCapacity, textDark: GAP_INK.overCapacity },
  excess: { bgCell: GAP_COLOURS.excess, textDark: GAP_INK.excess },
}
const GAP_EDITABLE: Record<GapKind, Override> = {
  shortage: { bgCell: GAP_COLOURS.shortage },
  belowSafetyStock: { bgCell: GAP_COLOURS.belowSafetyStock },
  overCapacity: { bgCell: GAP_COLOURS.overCapacity },
  excess: { bgCell: GAP_COLOURS.excess },
}

const EMPTY: GridCell = {
  kind: GridCellKind.Text,
  data: '',
  displayData: '',
  allowOverlay: false,
  readonly: true,
}

/**
 * The grid's `getCellContent`: reads one cell from the derived model when the grid paints it.
 * Nothing is precomputed per cell, so a 10,000-SKU plan costs only what is on screen.
 */
export function makeCellContent(view: BoardView): (cell: Item) => GridCell {
  return ([col, rowIndex]) => {
    const row = view.layout.rows[rowIndex]
    if (!row) return EMPTY
    if (col < FROZEN_COLUMNS) return labelCell(view, row, col)
    const period = periodOfColumn(col)
    if (period >= view.meta.periodCount) return EMPTY
    switch (row.kind) {
      case 'sku':
        return markChanged(view.compare, row, period, skuCell(view, row, period))
      case 'family':
        return familyCell(view, row, period)
      case 'total':
        return rollUpCell(view, view.model.totals(), row.measure, period, undefined)
      case 'resource':
        return markChanged(view.compare, row, period, resourceCell(view, row, period))
    }
  }
}

function text(display: string, theme: Override | undefined, align?: 'right'): GridCell {
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

function number(
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

function labelCell(view: BoardView, row: BoardRow, col: number): GridCell {
  const { t } = view
  const measure = t(`measure.${row.measure}`)
  if (row.kind === 'total') {
    const totals = view.model.totals()
    const summary = row.first ? t('rowLabel.familyGaps', { count: totals.gapCount }) : ''
    const cells = [row.first ? t('rowLabel.total') : '', '', summary, measure]
    return text(cells[col], FAMILY)
  }
  if (row.kind === 'family') {
    const family = view.model.family(row.family)
    const summary = family
      ? `${t('rowLabel.familySummary', { count: family.skus.length })} · ${t('rowLabel.familyGaps', { count: family.gapCount })}`
      : ''
    const cells = [row.first ? row.family : '', '', row.first ? summary : '', measure]
    return text(cells[col], FAMILY)
  }
  if (row.kind === 'sku') {
    const item = view.model.sku(row.sku)?.item
    const cells = [row.family, row.sku, item?.name ?? '', measure]
    if (col === 3) return text(measure, LABEL)
    return text(row.first ? cells[col] : '', row.first && col > 0 ? LABEL : LABEL_FADED)
  }
  const resource = view.meta.resources.find((r) => r.id === row.resource)
  const cells = [
    row.first ? t('rowLabel.resources') : '',
    row.first ? row.resource : '',
    row.first ? (resource?.name ?? '') : '',
    measure,
  ]
  return text(cells[col], LABEL)
}

function skuCell(
  view: BoardView,
  row: Extract<BoardRow, { kind: 'sku' }>,
  period: number,
): GridCell {
  const sku = view.model.sku(row.sku)
  if (!sku) return EMPTY
  const frozen = isFrozenPeriod(view.meta, period)
  if (row.measure === 'demand' || row.measure === 'supply') {
    const editable = isEditable(view.meta, view.role, row.measure, period)
    const value = row.measure === 'demand' ? sku.demand[period] : sku.supply[period]
    const theme = editable ? undefined : frozen ? FROZEN : READ_ONLY
    return number(view, value, editable, theme)
  }
  if (row.measure === 'statistical' || row.measure === 'actuals')
    return forecastCell(view, row.measure, row.sku, period)
  if (row.measure === 'safetyStock') return number(view, sku.item.safetyStock, false, READ_ONLY)
  if (row.measure === 'maxStock') {
    return sku.item.maxStock > 0
      ? number(view, sku.item.maxStock, false, READ_ONLY)
      : text('', READ_ONLY, 'right')
  }
  const gap = gapAt(sku, period)
  if (row.measure === 'projected') {
    const theme = gap ? GAP[gap.kind] : frozen ? FROZEN : READ_ONLY
    return number(view, sku.projected[period], false, theme)
  }
  if (!gap) return text('', frozen ? FROZEN : READ_ONLY, 'right')
  const signed = gap.kind === 'excess' ? gap.amount : -gap.amount
  const display = `${signed > 0 ? '+' : ''}${view.format.number(signed)}`
  return text(display, GAP[gap.kind], 'right')
}

function familyCell(
  view: BoardView,
  row: Extract<BoardRow, { kind: 'family' }>,
  period: number,
): GridCell {
  const family = view.model.family(row.family)
  if (!family) return EMPTY
  return rollUpCell(view, family, row.measure, period, row.measure)
}

/** A family's or the plan's roll-up: sums, and the shortage the sum of stocks would hide. */
function rollUpCell(
  view: BoardView,
  rollUp: Pick<FamilyView, 'demand' | 'supply' | 'projected' | 'shortage' | 'short'>,
  measure: FamilyMeasure,
  period: number,
  editableMeasure: FamilyMeasure | undefined,
): GridCell {
  const short = rollUp.short[period] ?? 0
  if (measure === 'shortage') {
    if (short === 0) return text('', FAMILY_READ_ONLY, 'right')
    const display = view.t('rowLabel.shortageCell', {
      shortage: view.format.number(rollUp.shortage[period] ?? 0),
      count: short,
    })
    return text(display, FAMILY_SHORT, 'right')
  }
  if (measure === 'projected') {
    return number(
      view,
      rollUp.projected[period],
      false,
      short > 0 ? FAMILY_SHORT : FAMILY_READ_ONLY,
    )
  }
  const editable = editableMeasure === measure && isEditable(view.meta, view.role, measure, period)
  const value = measure === 'demand' ? rollUp.demand[period] : rollUp.supply[period]
  return number(view, value, editable, editable ? FAMILY : FAMILY_READ_ONLY)
}

function resourceCell(
  view: BoardView,
  row: Extract<BoardRow, { kind: 'resource' }>,
  period: number,
): GridCell {
  const resource = view.model.resource(row.resource)
  if (!resource) return EMPTY
  const over = (resource.load[period] ?? 0) > 1
  if (row.measure === 'load') {
    return text(
      view.format.percent(resource.load[period] ?? 0),
      over ? GAP.overCapacity : READ_ONLY,
      'right',
    )
  }
  const editable = isEditable(view.meta, view.role, 'capacity', period)
  const theme = over
    ? editable
      ? GAP_EDITABLE.overCapacity
      : GAP.overCapacity
    : editable
      ? undefined
      : READ_ONLY
  return number(view, resource.capacity[period] ?? 0, editable, theme)
}
