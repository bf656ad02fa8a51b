import * as Y from 'yjs'
import type { Place } from './place-resolver.js'

/** What a struct holds when its content was deleted before it was sent. */
export const deleted = Symbol('deleted')
/** What a struct holds when it is not one JSON value. */
export const notAValue = Symbol('notAValue')

/** The one JSON value a map entry holds, `deleted`, or `notAValue`. */
export function singleValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentDeleted) return deleted
  if (item.content instanceof Y.ContentAny && item.content.arr.length === 1)
    return item.content.arr[0]
  return notAValue
}

/** True when the struct creates a Yjs type of this class. */
export function isType(
  item: Y.Item,
  type: typeof Y.Map | typeof Y.Array | typeof Y.XmlText,
): boolean {
  return item.content instanceof Y.ContentType && item.content.type instanceof type
}

/** A string naming a place, for sets of places written by one update. */
export function placeKey(place: Place): string {
  return `${place.root}\u0000${place.keys.join('\u0000')}`
}

/** A period index from an overlay key ("0", "17"); NaN for anything else. */
export function periodIndex(key: string): number {
  return /^(0|[1-9][0-9]{0,5})$/.test(key) ? Number(key) : Number.NaN
}
