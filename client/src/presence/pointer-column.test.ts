import { describe, expect, it } from 'vitest'
import { FROZEN_COLUMNS } from '../plan-view/board-view.js'
import { timeAxis } from '../plan-view/time-axis.js'
import { pointerAt, pointerColumn, rangeAt, rangeColumns } from './pointer-column.js'

/** 26 weeks from Monday 2026-11-30: December holds W49-W53 (5 weeks), January the next 4. */
const meta = { periodKind: 'week' as const, firstPeriod: '2026-11-30', periodCount: 26 }

describe('pointers across time grains', () => {
  it('lands a week cursor on the month and the quarter that hold it', () => {
    const weeks = timeAxis(meta, 'week')
    const months = timeAxis(meta, 'month')
    const quarters = timeAxis(meta, 'quarter')
    const week = 6
    const pointer = pointerAt(weeks, 'sku:A:demand', FROZEN_COLUMNS + week)
    expect(pointer).toEqual({ row: 'sku:A:demand', col: FROZEN_COLUMNS + week, period: week })
    const month = months.bucketOfPeriod[week]
    expect(months.buckets[month].first).toBeLessThanOrEqual(week)
    expect(months.buckets[month].last).toBeGreaterThanOrEqual(week)
    expect(pointerColumn(months, pointer)).toBe(FROZEN_COLUMNS + month)
    expect(pointerColumn(months, pointer)).not.toBe(pointer.col)
    expect(pointerColumn(quarters, pointer)).toBe(FROZEN_COLUMNS + quarters.bucketOfPeriod[week])
    expect(pointerColumn(weeks, pointer)).toBe(pointer.col)
  })

  it('lands a month cursor on its first week, and keeps label columns and old pointers', () => {
    const weeks = timeAxis(meta, 'week')
    const months = timeAxis(meta, 'month')
    const second = pointerAt(months, 'sku:A:supply', FROZEN_COLUMNS + 1)
    expect(pointerColumn(weeks, second)).toBe(FROZEN_COLUMNS + months.buckets[1].first)
    expect(pointerAt(months, 'sku:A:supply', 2)).toEqual({ row: 'sku:A:supply', col: 2 })
    expect(pointerColumn(months, { row: 'sku:A:supply', col: 9 })).toBe(9)
  })

  it('lights the months and quarters a range of weeks covers, and keeps label ranges', () => {
    const weeks = timeAxis(meta, 'week')
    const months = timeAxis(meta, 'month')
    const quarters = timeAxis(meta, 'quarter')
    // weeks 3 to 6: the end of December and the start of January
    const range = rangeAt(weeks, 'sku:A:demand', 'sku:A:supply', FROZEN_COLUMNS + 3, 4)
    expect(range.periods).toEqual({ first: 3, last: 6 })
    expect(rangeColumns(weeks, range)).toEqual({ x: FROZEN_COLUMNS + 3, width: 4 })
    expect(rangeColumns(months, range)).toEqual({ x: FROZEN_COLUMNS, width: 2 })
    // December is the last month of one quarter, January the first of the next
    expect(rangeColumns(quarters, range)).toEqual({ x: FROZEN_COLUMNS, width: 2 })
    // a month range back at weeks covers every week of the month
    const december = rangeAt(months, 'sku:A:demand', 'sku:A:supply', FROZEN_COLUMNS, 1)
    expect(rangeColumns(weeks, december)).toEqual({ x: FROZEN_COLUMNS, width: 5 })
    const labels = rangeAt(weeks, 'sku:A:demand', 'sku:A:supply', 1, 2)
    expect(labels.periods).toBeUndefined()
    expect(rangeColumns(months, labels)).toEqual({ x: 1, width: 2 })
    const junk = { ...labels, periods: { first: 'x', last: null } } as never
    expect(rangeColumns(months, junk)).toEqual({ x: 1, width: 2 })
  })
})
