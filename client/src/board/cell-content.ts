import type { GridCell, Item } from '@glideapps/glide-data-grid'
import type { FamilyView } from '@tandem/shared'
import { isFrozenPeriod } from '@tandem/shared'
import type { BoardRow, FamilyMeasure } from '../plan-view/board-row.js'
import type { BoardView } from '../plan-view/board-view.js'
import type { LabelColumnId } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, LABEL_COLUMN_IDS, periodOfColumn } from '../plan-view/board-view.js'
import { markChanged } from '../versions/mark-changed.js'
import { forecastCell } from '../forecast/forecast-cell.js'
import { isEditable } from './editable.js'
import { gapAt } from './gap-at.js'
import {
  EMPTY,
  FAMILY,
  FAMILY_READ_ONLY,
  FAMILY_SHORT,
  FROZEN,
  GAP,
  GAP_EDITABLE,
  LABEL,
  LABEL_FADED,
  number,
  READ_ONLY,
  SEARCH_CURRENT,
  SEARCH_HIT,
  text,
} from './cell-kit.js'
import { rolledCell } from './rolled-cells.js'
import { totalsOf } from '../plan-view/totals-of.js'
import { groupName } from '../plan-view/group-name.js'

/**
 * The grid's `getCellContent`: reads one cell from the derived model when the grid paints it.
 * Nothing is precomputed per cell, so a 10,000-SKU plan costs only what is on screen.
 */
export function makeCellContent(view: BoardView): (cell: Item) => GridCell {
  return ([col, rowIndex]) => {
    const row = view.layout.rows[rowIndex]
    if (!row) return EMPTY
    if (col < FROZEN_COLUMNS) return labelCell(view, row, col)
    if (view.axis.rolled) {
      const bucket = view.axis.buckets[periodOfColumn(col)]
      return bucket ? rolledCell(view, row, bucket) : EMPTY
    }
    const period = periodOfColumn(col)
    if (period >= view.meta.periodCount) return EMPTY
    switch (row.kind) {
      case 'sku':
        return markChanged(view.compare, row, period, skuCell(view, row, period))
      case 'family':
        return familyCell(view, row, period)
      case 'group': {
        const group = view.layout.rollUps.group(row.group)
        return group ? rollUpCell(view, group, row.measure, period, row.measure) : EMPTY
      }
      case 'total':
        return rollUpCell(view, totalsOf(view), row.measure, period, undefined)
      case 'resource':
        return markChanged(view.compare, row, period, resourceCell(view, row, period))
    }
  }
}

function labelCell(view: BoardView, row: BoardRow, col: number): GridCell {
  const { t } = view
  const id = LABEL_COLUMN_IDS[col]
  const measure = t(`measure.${row.measure}`)
  if (id === 'measure')
    return text(
      measure,
      row.kind === 'total' || row.kind === 'family' || row.kind === 'group' ? FAMILY : LABEL,
    )
  if (row.kind === 'total') {
    if (!row.first) return text('', FAMILY)
    const totals = totalsOf(view)
    const cells: Record<LabelColumnId, string> = {
      family: view.layout.scope.scoped ? t('rowLabel.totalInView') : t('rowLabel.total'),
      sku: '',
      name: t('rowLabel.familyGaps', { count: totals.gapCount }),
      gaps: String(totals.gapCount),
      measure,
    }
    return text(cells[id], FAMILY, id === 'gaps' ? 'right' : undefined)
  }
  if (row.kind === 'family') {
    const family = view.model.family(row.family)
    if (!row.first || !family) return text('', FAMILY)
    const summary = `${t('rowLabel.familySummary', { count: family.skus.length })} · ${t('rowLabel.familyGaps', { count: family.gapCount })}`
    const cells: Record<LabelColumnId, string> = {
      family: row.family || t('rowLabel.noFamily'),
      sku: '',
      name: summary,
      gaps: String(family.gapCount),
      measure,
    }
    return text(cells[id], FAMILY, id === 'gaps' ? 'right' : undefined)
  }
  if (row.kind === 'group') {
    const group = view.layout.rollUps.group(row.group)
    if (!row.first || !group) return text('', FAMILY)
    const summary = `${t('rowLabel.familySummary', { count: group.skuCount })} · ${t('rowLabel.familyGaps', { count: group.gapCount })}`
    const cells: Record<LabelColumnId, string> = {
      family: groupName(view, row.by, row.group),
      sku: '',
      name: summary,
      gaps: String(group.gapCount),
      measure,
    }
    return text(cells[id], FAMILY, id === 'gaps' ? 'right' : undefined)
  }
  if (row.kind === 'sku') {
    const sku = view.model.sku(row.sku)
    if (!row.first) return text('', LABEL_FADED)
    if (id === 'gaps') return text(String(sku?.gaps.length ?? 0), LABEL, 'right')
    if (id === 'family') return text(row.family || t('rowLabel.noFamily'), LABEL_FADED)
    const hit = view.search?.skus.has(row.sku)
    const theme = hit ? (view.search?.current === row.sku ? SEARCH_CURRENT : SEARCH_HIT) : LABEL
    return text(id === 'sku' ? row.sku : (sku?.item.name ?? ''), theme)
  }
  if (!row.first) return text('', LABEL)
  const resource = view.meta.resources.find((r) => r.id === row.resource)
  const cells: Record<LabelColumnId, string> = {
    family: t('rowLabel.resources'),
    sku: row.resource,
    name: resource?.name ?? '',
    gaps: '',
    measure,
  }
  return text(cells[id], LABEL)
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
  if (row.measure === 'transferIn' || row.measure === 'transferOut')
    return number(view, sku[row.measure][period], false, frozen ? FROZEN : READ_ONLY)
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
