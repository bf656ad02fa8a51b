import { useEffect, useRef } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { PresenterView } from '../presence/presence-state.js'
import { publishPresence } from '../presence/publish-presence.js'

/** How often at most the presenter's view is published: followers need the state, not each step. */
export const PRESENTER_COALESCE_MS = 250

/**
 * Publishes the presenter's view (rows shown, filters, chart) in their presence, coalesced: a
 * burst of changes within `PRESENTER_COALESCE_MS` goes out once, as its last state. The cursor
 * and viewport travel as they already do for Follow (and the server coalesces presence too).
 */
export function usePresenterBroadcast(awareness: Awareness, view: PresenterView | undefined) {
  const key = view ? JSON.stringify(view) : ''
  const last = useRef('')
  useEffect(() => {
    if (key === last.current) return
    const timer = setTimeout(() => {
      last.current = key
      publishPresence(awareness, 'presenting', key ? (JSON.parse(key) as PresenterView) : undefined)
    }, PRESENTER_COALESCE_MS)
    return () => clearTimeout(timer)
  }, [awareness, key])
}
