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
  retired: 'boolean',
} as const satisfies Record<Exclude<keyof Item, 'sku'>, string>

export type ItemField = keyof typeof ITEM_FIELDS

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
] as const satisfies readonly ItemField[]

/** Longest text an item field may hold. */
export const ITEM_TEXT_MAX = 200
