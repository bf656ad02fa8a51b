import type { PlanModel } from '@tandem/shared'

/** A SKU the search box can find: its id and name, folded once for matching. */
export interface SearchEntry {
  sku: string
  folded: string
}

/** Folds text for matching: compatibility forms (full-width letters), case and outer spaces. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase().trim()
}

/** The SKUs of the board in display order, ready to be searched as the person types. */
export function searchEntries(skus: Iterable<string>, model: PlanModel): SearchEntry[] {
  const entries: SearchEntry[] = []
  for (const sku of skus) {
    const name = model.sku(sku)?.item.name ?? ''
    entries.push({ sku, folded: `${foldForSearch(sku)}\u0000${foldForSearch(name)}` })
  }
  return entries
}

/**
 * The SKUs whose id or name contains the query (folded), in display order; none for an empty
 * query. Every word of the query must match, in any order ("blue 12" finds "Blue widget 12").
 */
export function findSkus(entries: readonly SearchEntry[], query: string): string[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const found: string[] = []
  for (const entry of entries) {
    if (words.every((word) => entry.folded.includes(word))) found.push(entry.sku)
  }
  return found
}

/** The match after `current` (or before it, going back), wrapping around at either end. */
export function stepMatch(current: number, count: number, back: boolean): number {
  if (count === 0) return -1
  if (current < 0) return back ? count - 1 : 0
  return (current + (back ? count - 1 : 1)) % count
}
