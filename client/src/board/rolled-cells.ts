import type { GridCell } from '@glideapps/glide-data-grid'
import type { FamilyView, GapKind, SkuView, TimeBucket } from '@tandem/shared'
import { isFrozenPeriod } from '@tandem/shared'
import type { BoardRow, FamilyMeasure } from '../plan-view/board-row.js'
import type { BoardView } from '../plan-view/board-view.js'
import { flowIn, ratioIn, stockIn } from '../plan-view/time-axis.js'
import { forecastCell } from '../forecast/forecast-cell.js'
import { isEditable } from './editable.js'
import { totalsOf } from '../plan-view/totals-of.js'
import { gapAt } from './gap-at.js'
import {
  EMPTY,
  FAMILY,
  FAMILY_READ_ONLY,
  FAMILY_SHORT,
  FROZEN,
  GAP,
  GAP_EDITABLE,
  number,
  READ_ONLY,
  text,
} from './cell-kit.js'

/**
 * A cell of a rolled-up column (a month or quarter of periods): flows summed, stock at the
 * bucket's last period, capacity load recomputed from the summed load and capacity, and the
 * worst gap of the periods it covers. A flow can be typed into while any period it covers is open.
 */
export function rolledCell(view: BoardView, row: BoardRow, bucket: TimeBucket): GridCell {
  switch (row.kind) {
    case 'sku':
      return skuBucket(view, row, bucket)
    case 'family': {
      const family = view.model.family(row.family)
      return family ? rollUpBucket(view, family, row.measure, bucket, true) : EMPTY
    }
    case 'group': {
      const group = view.layout.rollUps.group(row.group)
      return group ? rollUpBucket(view, group, row.measure, bucket, true) : EMPTY
    }
    case 'total':
      return rollUpBucket(view, totalsOf(view), row.measure, bucket, false)
    case 'resource':
      return resourceBucket(view, row, bucket)
  }
}

function openIn(view: BoardView, bucket: TimeBucket, measure: 'demand' | 'supply' | 'capacity') {
  return isEditable(view.meta, view.role, measure, bucket.last)
}

function frozenTheme(view: BoardView, bucket: TimeBucket) {
  return isFrozenPeriod(view.meta, bucket.last) ? FROZEN : READ_ONLY
}

/** The gap of the bucket's periods with the largest amount, if any. */
export function worstGapIn(
  sku: SkuView,
  bucket: TimeBucket,
): { kind: GapKind; amount: number } | undefined {
  let worst: { kind: GapKind; amount: number } | undefined
  for (let p = bucket.first; p <= bucket.last; p++) {
    const gap = gapAt(sku, p)
    if (gap && (!worst || gap.amount > worst.amount)) worst = gap
  }
  return worst
}

function skuBucket(
  view: BoardView,
  row: Extract<BoardRow, { kind: 'sku' }>,
  bucket: TimeBucket,
): GridCell {
  const sku = view.model.sku(row.sku)
  if (!sku) return EMPTY
  if (row.measure === 'demand' || row.measure === 'supply') {
    const editable = openIn(view, bucket, row.measure)
    const value = flowIn(row.measure === 'demand' ? sku.demand : sku.supply, bucket)
    return number(view, value, editable, editable ? undefined : frozenTheme(view, bucket))
  }
  if (row.measure === 'statistical' || row.measure === 'actuals')
    return forecastCell(view, row.measure, row.sku, bucket.first, bucket.last)
  if (row.measure === 'transferIn' || row.measure === 'transferOut')
    return number(view, flowIn(sku[row.measure], bucket), false, frozenTheme(view, bucket))
  if (row.measure === 'safetyStock') return number(view, sku.item.safetyStock, false, READ_ONLY)
  if (row.measure === 'maxStock') {
    return sku.item.maxStock > 0
      ? number(view, sku.item.maxStock, false, READ_ONLY)
      : text('', READ_ONLY, 'right')
  }
  const gap = worstGapIn(sku, bucket)
  if (row.measure === 'projected') {
    const theme = gap ? GAP[gap.kind] : frozenTheme(view, bucket)
    return number(view, stockIn(sku.projected, bucket), false, theme)
  }
  if (!gap) return text('', frozenTheme(view, bucket), 'right')
  const signed = gap.kind === 'excess' ? gap.amount : -gap.amount
  const display = `${signed > 0 ? '+' : ''}${view.format.number(signed)}`
  return text(display, GAP[gap.kind], 'right')
}

function rollUpBucket(
  view: BoardView,
  rollUp: Pick<FamilyView, 'demand' | 'supply' | 'projected' | 'shortage' | 'short'>,
  measure: FamilyMeasure,
  bucket: TimeBucket,
  family: boolean,
): GridCell {
  const short = stockIn(rollUp.short, bucket)
  if (measure === 'shortage') {
    if (short === 0) return text('', FAMILY_READ_ONLY, 'right')
    const display = view.t('rowLabel.shortageCell', {
      shortage: view.format.number(stockIn(rollUp.shortage, bucket)),
      count: short,
    })
    return text(display, FAMILY_SHORT, 'right')
  }
  if (measure === 'projected') {
    const theme = short > 0 ? FAMILY_SHORT : FAMILY_READ_ONLY
    return number(view, stockIn(rollUp.projected, bucket), false, theme)
  }
  const editable = family && openIn(view, bucket, measure)
  const value = flowIn(measure === 'demand' ? rollUp.demand : rollUp.supply, bucket)
  return number(view, value, editable, editable ? FAMILY : FAMILY_READ_ONLY)
}

function resourceBucket(
  view: BoardView,
  row: Extract<BoardRow, { kind: 'resource' }>,
  bucket: TimeBucket,
): GridCell {
  const resource = view.model.resource(row.resource)
  if (!resource) return EMPTY
  const load = ratioIn(resource.required, resource.capacity, bucket)
  const over = load > 1
  if (row.measure === 'load') {
    return text(view.format.percent(load), over ? GAP.overCapacity : READ_ONLY, 'right')
  }
  const editable = openIn(view, bucket, 'capacity')
  const theme = over
    ? editable
      ? GAP_EDITABLE.overCapacity
      : GAP.overCapacity
    : editable
      ? undefined
      : READ_ONLY
  return number(view, flowIn(resource.capacity, bucket), editable, theme)
}
