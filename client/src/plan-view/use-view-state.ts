import { useCallback, useEffect, useState } from 'react'
import type { PeriodKind } from '@tandem/shared'
import type { ViewState } from './view-state.js'
import { loadViewState, saveViewState } from './view-state.js'

/**
 * My view of a plan, kept in this browser's localStorage under my user id and the plan's id,
 * so it survives reloads. `setView` takes a whole state (a presenter's, say) or a change to it.
 */
export function useViewState(
  userId: string,
  planId: string,
  periodKind: PeriodKind,
): [ViewState, (change: ViewState | ((state: ViewState) => ViewState)) => void] {
  const [view, setView] = useState<ViewState>(() =>
    loadViewState(localStorage, userId, planId, periodKind),
  )
  useEffect(() => saveViewState(localStorage, userId, planId, view), [userId, planId, view])
  const change = useCallback(
    (next: ViewState | ((state: ViewState) => ViewState)) => setView(next),
    [],
  )
  return [view, change]
}
