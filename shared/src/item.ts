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
} as const satisfies Record<Exclude<keyof Item, 'sku'>, string>

export type ItemField = keyof typeof ITEM_FIELDS

export function isItemField(key: string): key is ItemField {
  return Object.hasOwn(ITEM_FIELDS, key)
}
