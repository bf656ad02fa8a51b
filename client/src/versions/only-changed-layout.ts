import type { BoardLayout } from '../plan-view/board-layout.js'
import type { BoardRow } from '../plan-view/board-row.js'
import { rowKey } from '../plan-view/board-row.js'
import type { CompareOverlay } from '../plan-view/compare-overlay.js'

/** The layout with only the SKUs and resources that changed, and their families' roll-ups. */
export function onlyChangedLayout(layout: BoardLayout, overlay: CompareOverlay): BoardLayout {
  const families = new Set<string>()
  for (const row of layout.rows) {
    if (row.kind === 'sku' && overlay.changedKeys.has(row.sku)) families.add(row.family)
  }
  const keep = (row: BoardRow) => {
    if (row.kind === 'sku') return overlay.changedKeys.has(row.sku)
    if (row.kind === 'resource') return overlay.changedKeys.has(row.resource)
    if (row.kind === 'total') return families.size > 0
    if (row.kind === 'group') return false
    return families.has(row.family)
  }
  const rows = layout.rows.filter(keep)
  const indexOf = new Map<string, number>()
  const rowsOfSku = new Map<string, number[]>()
  const rowsOfFamily = new Map<string, number[]>()
  const rowsOfResource = new Map<string, number[]>()
  const shownSkus = new Set<string>()
  const add = (index: Map<string, number[]>, id: string, i: number) =>
    index.set(id, [...(index.get(id) ?? []), i])
  rows.forEach((row, i) => {
    indexOf.set(rowKey(row), i)
    if (row.kind === 'sku') {
      add(rowsOfSku, row.sku, i)
      shownSkus.add(row.sku)
    } else if (row.kind === 'family') add(rowsOfFamily, row.family, i)
    else if (row.kind === 'resource') add(rowsOfResource, row.resource, i)
  })
  return { ...layout, rows, indexOf, rowsOfSku, rowsOfFamily, rowsOfResource, shownSkus }
}
