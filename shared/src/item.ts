/** SKU master data, held in the `items` root as one Y.Map per SKU. */
export interface Item {
  sku: string
  name: string
  family: string
  site: string
  unit: string
  openingStock: number
  safetyStock: number
  maxStock: number
  /** The resource whose capacity this SKU's supply loads. */
  resource: string
  /** Selling price of one unit; absent (read as 0) when not known. */
  price?: number
  /** Cost of one unit held in stock, for inventory value; absent (read as 0) when not known. */
  unitCost?: number
  /** Periods from releasing an order to receiving it (whole periods); absent (0) for none. */
  leadTime?: number
  /** Smallest quantity one production order may have; absent (0) for none. */
  minBatch?: number
  /** Orders are whole multiples of this; absent (0) for any quantity. */
  lotSize?: number
  /**
   * A retired SKU stays in the document (its rows, history and versions) but is hidden from the
   * board and left out of roll-ups, gap counts and capacity load. Absent means active.
   */
  retired?: boolean
}

/** Item fields stored in the item's Y.Map, with their JSON type. `sku` is the map's key. */
export const ITEM_FIELDS = {
  name: 'string',
  family: 'string',
  site: 'string',
  unit: 'string',
  openingStock: 'number',
  safetyStock: 'number',
  maxStock: 'number',
  resource: 'string',
  price: 'number',
  unitCost: 'number',
  leadTime: 'number',
  minBatch: 'number',
  lotSize: 'number',
  retired: 'boolean',
} as const satisfies Record<Exclude<keyof Item, 'sku'>, string>

export type ItemField = keyof typeof ITEM_FIELDS

/** Fields an item may lack; `readItem` leaves them out when they were never written. */
export const OPTIONAL_ITEM_FIELDS: readonly ItemField[] = [
  'price',
  'unitCost',
  'leadTime',
  'minBatch',
  'lotSize',
  'retired',
]

export function isItemField(key: string): key is ItemField {
  return Object.hasOwn(ITEM_FIELDS, key)
}

/** The item fields a planner edits in the master data panel, in the order it shows them. */
export const EDITABLE_ITEM_FIELDS = [
  'name',
  'family',
  'site',
  'openingStock',
  'safetyStock',
  'maxStock',
  'price',
  'unitCost',
  'leadTime',
  'minBatch',
  'lotSize',
] as const satisfies readonly ItemField[]

/** Longest text an item field may hold. */
export const ITEM_TEXT_MAX = 200
