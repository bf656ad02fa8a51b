import type { GridColumn } from '@glideapps/glide-data-grid'
import type { TFunction } from 'i18next'
import type { PlanMeta, TimeBucket } from '@tandem/shared'
import { isFrozenPeriod } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { LabelColumnId } from '../plan-view/board-view.js'
import { LABEL_COLUMN_IDS } from '../plan-view/board-view.js'
import type { SkuSort } from '../plan-view/sku-sort.js'
import type { TimeAxis } from '../plan-view/time-axis.js'
import { FROZEN_BG } from './gap-colours.js'

const FROZEN_HEADER = { bgHeader: FROZEN_BG }

const LABEL_WIDTHS: Record<LabelColumnId, number> = {
  family: 140,
  sku: 104,
  name: 210,
  measure: 150,
  gaps: 64,
}

/** What the columns show besides the plan: the sort arrows and a person's widths. */
export interface ColumnOptions {
  axis: TimeAxis
  sort: SkuSort | undefined
  widths: Readonly<Record<string, number>>
  /** Period headers carry a menu button (a planner's "freeze through here"). */
  periodMenu: boolean
}

/**
 * The label columns, then one column per time bucket (a plan period, or a month or quarter
 * rolled up) labelled in the reader's locale; a sorted column's title carries an arrow.
 */
export function boardColumns(
  meta: PlanMeta,
  format: Formatters,
  t: TFunction,
  options: ColumnOptions,
): GridColumn[] {
  const { axis, sort, widths } = options
  const arrow = sort?.direction === 'descending' ? ' ▼' : ' ▲'
  const columns: GridColumn[] = LABEL_COLUMN_IDS.map((id) => {
    const sorted = (id === 'name' && sort?.by === 'name') || (id === 'gaps' && sort?.by === 'gaps')
    return {
      id,
      title: `${t(`column.${id}`)}${sorted ? arrow : ''}`,
      width: widths[id] ?? LABEL_WIDTHS[id],
      group: '',
    }
  })
  const sortedBucket = sort?.by === 'period' ? axis.bucketOfPeriod[sort.period] : undefined
  axis.buckets.forEach((bucket, b) => {
    const label = bucketLabel(meta, format, t, axis, bucket)
    const frozen = isFrozenPeriod(meta, bucket.last)
    const partly = !frozen && isFrozenPeriod(meta, bucket.first)
    const title = frozen
      ? t('column.frozen', { label })
      : partly
        ? t('column.partlyFrozen', { label })
        : label
    const id = columnId(axis, bucket, b)
    const sortTitle =
      sort?.by === 'period' && sortedBucket === b
        ? `${title}${arrow} ${t(`sort.measureShort.${sort.measure}`)}`
        : title
    columns.push({
      id,
      title: sortTitle,
      width: widths[id] ?? (axis.rolled ? 150 : meta.periodKind === 'week' ? 116 : 96),
      group: bucketGroup(meta, format, axis, bucket),
      themeOverride: frozen || partly ? FROZEN_HEADER : undefined,
      hasMenu: options.periodMenu,
    })
  })
  return columns
}

/** A time column's id, the key its width is kept under: `p12` for a period, `m2026-02`, `q2026-Q1`. */
export function columnId(axis: TimeAxis, bucket: TimeBucket, index: number): string {
  if (!axis.rolled) return `p${index}`
  return `${axis.grain === 'quarter' ? 'q' : 'm'}${bucket.key}`
}

function bucketLabel(
  meta: PlanMeta,
  format: Formatters,
  t: TFunction,
  axis: TimeAxis,
  bucket: TimeBucket,
): string {
  if (!axis.rolled) return format.period(meta.periodKind, meta.firstPeriod, bucket.first)
  const [year, part] = bucket.key.split('-')
  if (axis.grain === 'quarter') return t('column.quarter', { year, quarter: part.slice(1) })
  return format.month(bucket.key)
}

function bucketGroup(
  meta: PlanMeta,
  format: Formatters,
  axis: TimeAxis,
  bucket: TimeBucket,
): string {
  if (!axis.rolled) return format.periodGroup(meta.periodKind, meta.firstPeriod, bucket.first)
  return bucket.key.slice(0, 4)
}
