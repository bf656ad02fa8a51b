import type { Awareness } from 'y-protocols/awareness'
import type { PresenceState } from './presence-state.js'

/**
 * Publishes one field of my presence to everyone in the plan; `undefined` withdraws it. Every
 * awareness write of the client goes through here, so what is published always fits
 * `PresenceState`.
 */
export function publishPresence<K extends keyof PresenceState>(
  awareness: Awareness,
  field: K,
  value: PresenceState[K] | undefined,
): void {
  awareness.setLocalStateField(field, value)
}
