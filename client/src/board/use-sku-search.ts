import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PlanModel } from '@tandem/shared'
import type { BoardLayout } from '../plan-view/board-layout.js'
import type { SearchHits } from '../plan-view/board-view.js'
import { rowKey } from '../plan-view/board-row.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
import type { SearchEntry } from '../plan-view/sku-search.js'
import { findSkus, searchEntries, stepMatch } from '../plan-view/sku-search.js'

/** The SKU column: a search jump selects the SKU's id. */
const SKU_COLUMN = 1

/**
 * The search box's state: the query, the SKUs of the board it finds (in display order) and the
 * one it is on. Typing jumps to the first match; stepping jumps to the next or previous one.
 */
export function useSkuSearch(
  layout: BoardLayout,
  model: PlanModel,
  jump: (request: JumpRequest) => void,
) {
  const [query, setQueryState] = useState('')
  const [currentSku, setCurrentSku] = useState<string>()
  const [gridFocus, setGridFocus] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  // Folding every SKU's id and name costs tens of ms on a large plan: done at the first search
  // of a layout, not on every layout (a filter, a sort, an edit's gap) nobody searches.
  const folded = useRef<{ layout: BoardLayout; model: PlanModel; entries: SearchEntry[] }>(
    undefined,
  )
  const entriesOf = useCallback(() => {
    const kept = folded.current
    if (kept && kept.layout === layout && kept.model === model) return kept.entries
    const entries = searchEntries(layout.shownSkus, model)
    folded.current = { layout, model, entries }
    return entries
  }, [layout, model])
  const matches = useMemo(() => (query ? findSkus(entriesOf(), query) : []), [entriesOf, query])
  const at = currentSku === undefined ? -1 : matches.indexOf(currentSku)

  const goTo = useCallback(
    (sku: string | undefined) => {
      setCurrentSku(sku)
      const index = sku === undefined ? undefined : layout.rowsOfSku.get(sku)?.[0]
      const row = index === undefined ? undefined : layout.rows[index]
      if (row) jump({ pointer: { row: rowKey(row), col: SKU_COLUMN } })
    },
    [jump, layout],
  )
  // The match the board is on is a SKU, not a place in the list: when the rows are laid out
  // again while the person types (a grouping, a sort, SKUs arriving), the search stays on it,
  // or goes to the first match when it is gone or none had been found yet.
  useEffect(() => {
    if (at === -1 && matches.length > 0) goTo(matches[0])
    else if (matches.length === 0 && currentSku !== undefined) setCurrentSku(undefined)
  }, [at, matches, currentSku, goTo])
  const setQuery = useCallback(
    (next: string) => {
      setQueryState(next)
      goTo(next ? findSkus(entriesOf(), next)[0] : undefined)
    },
    [entriesOf, goTo],
  )
  const step = useCallback(
    (back: boolean) => goTo(matches[stepMatch(at, matches.length, back)]),
    [at, matches, goTo],
  )
  const focus = useCallback(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  const leave = useCallback(() => setGridFocus((n) => n + 1), [])
  const hits = useMemo<SearchHits | undefined>(
    () => (matches.length > 0 ? { skus: new Set(matches), current: matches[at] } : undefined),
    [matches, at],
  )
  return { query, setQuery, matches, current: at, step, focus, leave, input, hits, gridFocus }
}
