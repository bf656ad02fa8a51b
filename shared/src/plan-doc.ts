import * as Y from 'yjs'
import type { Item, ItemField } from './item.js'
import type { ItemOrder } from './item-order.js'
import { itemOrderOf } from './item-order.js'
import { ITEM_FIELDS, OPTIONAL_ITEM_FIELDS } from './item.js'
import type { MetaKey, PlanMeta } from './plan-meta.js'
import type { Measure } from './roots.js'
import type { Transfer } from './transfers/transfer.js'
import { readTransfer } from './transfers/transfer.js'

/** A measure row: a compact base written whole, plus a last-writer-wins overlay keyed by period. */
export interface MeasureRow {
  base: Y.Array<number>
  edits: Y.Map<number>
}

/** Typed access to the roots of one plan document. */
export class PlanDoc {
  readonly meta: Y.Map<unknown>
  readonly items: Y.Map<Y.Map<unknown>>
  readonly demand: Y.Map<Y.Map<unknown>>
  readonly supply: Y.Map<Y.Map<unknown>>
  readonly capacity: Y.Map<Y.Map<unknown>>
  readonly comments: Y.Map<unknown>
  readonly flags: Y.Map<unknown>
  /** Actual demand per SKU: history before period 0 and closed plan periods (actuals/). */
  readonly actuals: Y.Map<Y.Map<unknown>>
  /** The statistical forecast per SKU, written only by the server (statistical-forecast/). */
  readonly forecast: Y.Map<unknown>
  /** Why a demand cell was overridden, keyed `sku@period` (override-reasons/). */
  readonly overrideReasons: Y.Map<unknown>
  /** Transfers between sites, one JSON value per transfer id (transfers/). */
  readonly transfers: Y.Map<unknown>

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta')
    this.items = doc.getMap('items')
    this.demand = doc.getMap('demand')
    this.supply = doc.getMap('supply')
    this.capacity = doc.getMap('capacity')
    this.comments = doc.getMap('comments')
    this.flags = doc.getMap('flags')
    this.actuals = doc.getMap('actuals')
    this.forecast = doc.getMap('forecast')
    this.overrideReasons = doc.getMap('overrideReasons')
    this.transfers = doc.getMap('transfers')
  }

  measureRoot(measure: Measure): Y.Map<Y.Map<unknown>> {
    return this[measure]
  }

  metaValue<K extends MetaKey>(key: K): PlanMeta[K] | undefined {
    return this.meta.get(key) as PlanMeta[K] | undefined
  }

  readMeta(): PlanMeta {
    const meta = this.meta.toJSON() as Partial<PlanMeta>
    return {
      name: meta.name ?? '',
      periodKind: meta.periodKind ?? 'week',
      firstPeriod: meta.firstPeriod ?? '1970-01-05',
      periodCount: meta.periodCount ?? 0,
      frozenThrough: meta.frozenThrough ?? -1,
      status: meta.status ?? 'draft',
      unit: meta.unit ?? '',
      maxValue: meta.maxValue ?? Number.MAX_SAFE_INTEGER,
      decimals: meta.decimals ?? 0,
      resources: meta.resources ?? [],
      sites: meta.sites ?? [],
    }
  }

  get periodCount(): number {
    return (this.meta.get('periodCount') as number | undefined) ?? 0
  }

  row(measure: Measure, key: string): MeasureRow | undefined {
    const row = this.measureRoot(measure).get(key)
    if (!row) return undefined
    const base = row.get('base')
    const edits = row.get('edits')
    if (!(base instanceof Y.Array) || !(edits instanceof Y.Map)) return undefined
    return { base: base as Y.Array<number>, edits: edits as Y.Map<number> }
  }

  /** The value of one cell: the overlay's value when edited, else the base value, else 0. */
  readCell(measure: Measure, key: string, period: number): number {
    const row = this.row(measure, key)
    if (!row) return 0
    return cellNumber(row.edits.get(String(period))) ?? cellNumber(row.base.get(period)) ?? 0
  }

  /** All values of a row, overlay applied. */
  readRow(measure: Measure, key: string): number[] {
    const count = this.periodCount
    const row = this.row(measure, key)
    const values = new Array<number>(count).fill(0)
    if (!row) return values
    const base = row.base.toArray()
    for (let p = 0; p < count; p++) values[p] = cellNumber(base[p]) ?? 0
    row.edits.forEach((value, period) => {
      const p = Number(period)
      const number = cellNumber(value)
      if (p >= 0 && p < count && number !== undefined) values[p] = number
    })
    return values
  }

  /**
   * Writes one cell into the row's overlay, the primitive under `writeCells` (which the client
   * and the server write through). The caller checks the rules first.
   */
  writeCell(measure: Measure, key: string, period: number, value: number): void {
    const row = this.row(measure, key)
    if (!row) throw new Error(`No ${measure} row for ${key}`)
    row.edits.set(String(period), value)
  }

  /** An item's master data; a stored value of the wrong type (old data) reads as 0 or ''. */
  readItem(sku: string): Item | undefined {
    const map = this.items.get(sku)
    if (!map) return undefined
    const item: Record<string, unknown> = { sku }
    for (const field of Object.keys(ITEM_FIELDS) as ItemField[]) {
      const value: unknown = map.get(field)
      if (value === undefined && OPTIONAL_ITEM_FIELDS.includes(field)) continue
      if (ITEM_FIELDS[field] === 'boolean') {
        if (value === true) item[field] = true
      } else
        item[field] = ITEM_FIELDS[field] === 'number' ? (cellNumber(value) ?? 0) : itemText(value)
    }
    return item as unknown as Item
  }

  /** Every stored transfer that has a transfer's shape, by id, in id order. */
  listTransfers(): [string, Transfer][] {
    const transfers: [string, Transfer][] = []
    this.transfers.forEach((value, id) => {
      const transfer = readTransfer(value)
      if (transfer) transfers.push([id, transfer])
    })
    return transfers.sort((a, b) => compare(a[0], b[0]))
  }

  /** True when the SKU exists and is retired (hidden from the board, out of roll-ups). */
  isRetired(sku: string): boolean {
    return this.items.get(sku)?.get('retired') === true
  }

  /** SKU ids ordered by family, then SKU id, the same on every client. */
  listSkus(): string[] {
    return [...this.itemOrder().skus]
  }

  /** Families with their active (not retired) SKUs, in display order: what the board shows. */
  listFamilies(): Map<string, string[]> {
    const families = new Map<string, string[]>()
    const { skus, families: familyOf, retired } = this.itemOrder()
    for (let i = 0; i < skus.length; i++) {
      if (retired[i]) continue
      const list = families.get(familyOf[i])
      if (list) list.push(skus[i])
      else families.set(familyOf[i], [skus[i]])
    }
    return families
  }

  /** The SKUs in board order with their family and retirement, kept until `items` changes. */
  private itemOrder(): ItemOrder {
    return itemOrderOf(this.doc, this.items, () => {
      const entries: [string, string, boolean][] = []
      this.items.forEach((map, sku) =>
        entries.push([itemText(map.get('family')), sku, map.get('retired') === true]),
      )
      entries.sort((a, b) => (a[0] === b[0] ? compare(a[1], b[1]) : compare(a[0], b[0])))
      return {
        skus: entries.map(([, sku]) => sku),
        families: entries.map(([family]) => family),
        retired: entries.map(([, , retired]) => retired),
      }
    })
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A stored cell value as a number; anything else (which the rules never let in) reads as absent. */
function cellNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A stored text field; anything else (old data) reads as ''. Never String(): an object's toString may throw. */
function itemText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
