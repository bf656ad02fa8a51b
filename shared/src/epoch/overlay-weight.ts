import * as Y from 'yjs'
import { baseKeyOf } from './overlay-pair.js'

/** How much a document's overlays hold: live entries, and items including overwritten ones. */
export interface OverlayWeight {
  /** Overlay entries that hold a cell's current value. */
  entries: number
  /**
   * Every overlay item Yjs keeps, the overwritten (deleted) ones too: about one per overwrite
   * (Yjs merges some adjacent deleted items), each about 230 bytes of heap.
   */
  items: number
}

/**
 * Counts the overlay maps of every row of every root (see `baseKeyOf` for which maps are
 * overlays). Each overwrite leaves an item behind the current one of its key, so `items` grows
 * with the history of edits while `entries` stays at the number of edited cells.
 */
export function overlayWeight(doc: Y.Doc): OverlayWeight {
  const weight: OverlayWeight = { entries: 0, items: 0 }
  for (const root of doc.share.values()) {
    for (const row of root._map.values()) {
      if (row.deleted) continue
      const rowType = row.content.getContent()[0] as unknown
      if (!(rowType instanceof Y.Map)) continue
      for (const [key, item] of rowType._map) {
        if (item.deleted || baseKeyOf(key) === undefined) continue
        const edits = item.content.getContent()[0] as unknown
        if (edits instanceof Y.Map) countOverlay(edits, weight)
      }
    }
  }
  return weight
}

function countOverlay(edits: Y.Map<unknown>, weight: OverlayWeight): void {
  for (const last of edits._map.values()) {
    if (!last.deleted) weight.entries++
    for (let item: Y.Item | null = last; item !== null; item = item.left) weight.items++
  }
}
