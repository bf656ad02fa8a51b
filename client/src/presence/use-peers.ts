import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { Peer } from './presence-state.js'
import { isPresenceState } from './presence-state.js'

/** Everyone else in the plan, re-rendered whenever someone's presence changes. */
export function usePeers(awareness: Awareness | undefined): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([])
  useEffect(() => {
    if (!awareness) return
    let last = ''
    const read = () => {
      const next: Peer[] = []
      awareness.getStates().forEach((state, clientId) => {
        if (clientId !== awareness.clientID && isPresenceState(state))
          next.push({ clientId, state })
      })
      next.sort(
        (a, b) => a.state.user.name.localeCompare(b.state.user.name) || a.clientId - b.clientId,
      )
      const key = JSON.stringify(next)
      if (key === last) return
      last = key
      setPeers(next)
    }
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness])
  return peers
}
