import * as Y from 'yjs'
import { locateOverlay } from './changed-cells.js'
import type { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'

/**
 * One write a transaction stored in a cell, as its author made it: the basis of an audit-grade
 * per-cell history. Two people typing into one cell at once each get their own write, with the
 * value they typed; `shown` tells which one the cell kept.
 */
export interface StoredCellWrite {
  measure: Measure
  key: string
  period: number
  /** The value the writer put in: their overlay value, or the base value when they removed it. */
  value: number
  /** The value the cell showed before the transaction. */
  previous: number
  /** The value the cell shows after the transaction (another write may have won). */
  shown: number
  /** The struct that carried the value; undefined when the write removed the overlay entry. */
  id?: { client: number; clock: number }
  /**
   * The struct of the value the writer saw and replaced (null: the writer saw no overlay
   * value). A write that did not see another's value was made at the same moment as it.
   */
  seen?: { client: number; clock: number } | null
}

/**
 * The cell writes of a transaction, read from the structs it integrated (not from the values
 * the cells end up with). Call it from `afterTransaction`: after that Yjs garbage-collects the
 * contents of overwritten values, and the previous value is gone.
 */
export function storedCellWrites(plan: PlanDoc, transaction: Y.Transaction): StoredCellWrite[] {
  const inserted = insertedOverlayItems(transaction)
  const writes: StoredCellWrite[] = []
  for (const [type, keys] of transaction.changed) {
    const located = locateOverlay(plan, type)
    if (!located) continue
    const edits = type as unknown as Y.Map<number>
    for (const key of keys) {
      if (key === null) continue
      const period = Number(key)
      const cell = { ...located, period }
      const base = plan.row(located.measure, located.key)?.base.get(period) ?? 0
      const previousItem = valueBefore(edits, key, transaction)
      const previous = previousItem ? valueOf(previousItem) : base
      const shown = plan.readCell(located.measure, located.key, period)
      const news = (inserted.get(edits)?.get(key) ?? []).filter(
        (item) => valueOf(item) !== undefined,
      )
      if (news.length === 0) {
        if (previousItem && previousItem.deleted)
          writes.push({ ...cell, value: base, previous: previous ?? base, shown })
        continue
      }
      let before = previous ?? base
      for (const item of news) {
        const value = valueOf(item)!
        const seen = item.origin ? { client: item.origin.client, clock: item.origin.clock } : null
        writes.push({ ...cell, value, previous: before, shown, id: { ...item.id }, seen })
        before = value
      }
    }
  }
  return writes
}

/** New overlay items of the transaction, by map and key, in clock order. */
function insertedOverlayItems(transaction: Y.Transaction): Map<unknown, Map<string, Y.Item[]>> {
  const found = new Map<unknown, Map<string, Y.Item[]>>()
  const store = transaction.doc.store
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0
    if (after <= before) return
    const structs = store.clients.get(client)
    if (!structs) return
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (!(struct instanceof Y.Item) || struct.parentSub === null) continue
      const parent = struct.parent
      if (!(parent instanceof Y.Map) || parent._item?.parentSub !== 'edits') continue
      let byKey = found.get(parent)
      if (!byKey) found.set(parent, (byKey = new Map()))
      const list = byKey.get(struct.parentSub)
      if (list) list.push(struct)
      else byKey.set(struct.parentSub, [struct])
    }
  })
  return found
}

/** The item that was the key's value before the transaction, if the key had one. */
function valueBefore(map: Y.Map<number>, key: string, transaction: Y.Transaction): Y.Item | null {
  for (let item = map._map.get(key) ?? null; item !== null; item = item.left) {
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
    if (isNew) continue
    if (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id)) return item
  }
  return null
}

function valueOf(item: Y.Item): number | undefined {
  if (!(item.content instanceof Y.ContentAny)) return undefined
  const [value] = item.content.getContent() as unknown[]
  return typeof value === 'number' ? value : undefined
}
