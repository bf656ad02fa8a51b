import { useEffect, useRef, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { SlotClaim } from '@tandem/shared'
import { claimColourSlot, slotColour } from '@tandem/shared'
import type { Identity } from '../identity/identity.js'
import { isPresenceState } from './presence-state.js'
import { publishPresence } from './publish-presence.js'

/** The slots the other people in the plan claim, read off their presence. */
export function slotClaims(awareness: Awareness): SlotClaim[] {
  const claims: SlotClaim[] = []
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID || !isPresenceState(state)) return
    const { id, slot, since } = state.user
    if (typeof id === 'string' && typeof slot === 'number' && Number.isInteger(slot) && slot >= 0)
      claims.push({ userId: id, slot, since: typeof since === 'number' ? since : 0 })
  })
  return claims
}

/**
 * Publishes who I am with a colour slot no one else in the plan holds, re-claimed whenever
 * someone's presence changes, and returns my colour.
 */
export function useColourClaim(awareness: Awareness, identity: Identity): string {
  const since = useRef(Date.now())
  const [colour, setColour] = useState(identity.colour)
  useEffect(() => {
    let held: number | undefined
    const claim = () => {
      const slot = claimColourSlot(
        { userId: identity.userId, slot: held, since: since.current },
        slotClaims(awareness),
      )
      if (slot === held) return
      held = slot
      const mine = slotColour(slot).colour
      publishPresence(awareness, 'user', {
        id: identity.userId,
        name: identity.name,
        role: identity.role,
        colour: mine,
        slot,
        since: since.current,
      })
      setColour(mine)
    }
    claim()
    awareness.on('change', claim)
    return () => awareness.off('change', claim)
  }, [awareness, identity])
  return colour
}
