import { useCallback, useMemo, useRef, useState } from 'react'
import type { PlanModel } from '@tandem/shared'
import type { BoardLayout } from '../plan-view/board-layout.js'
import type { SearchHits } from '../plan-view/board-view.js'
import { rowKey } from '../plan-view/board-row.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
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
  const [current, setCurrent] = useState(-1)
  const [gridFocus, setGridFocus] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const entries = useMemo(() => searchEntries(layout.shownSkus, model), [layout, model])
  const matches = useMemo(() => findSkus(entries, query), [entries, query])
  const at = current < matches.length ? current : matches.length > 0 ? 0 : -1

  const goTo = useCallback(
    (sku: string | undefined) => {
      const index = sku === undefined ? undefined : layout.rowsOfSku.get(sku)?.[0]
      const row = index === undefined ? undefined : layout.rows[index]
      if (row) jump({ pointer: { row: rowKey(row), col: SKU_COLUMN } })
    },
    [jump, layout],
  )
  const setQuery = useCallback(
    (next: string) => {
      setQueryState(next)
      const found = findSkus(entries, next)
      setCurrent(found.length > 0 ? 0 : -1)
      goTo(found[0])
    },
    [entries, goTo],
  )
  const step = useCallback(
    (back: boolean) => {
      const next = stepMatch(at, matches.length, back)
      setCurrent(next)
      goTo(matches[next])
    },
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
