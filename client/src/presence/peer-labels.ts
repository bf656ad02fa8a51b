import { presenceLabels } from '@tandem/shared'
import type { Identity } from '../identity/identity.js'
import type { Peer } from './presence-state.js'

/** The id a peer is told apart by: their user id, or their client for an older client. */
export function personKey(peer: Peer): string {
  return peer.state.user.id ?? `client-${peer.clientId}`
}

/** An unambiguous short label for me and for everyone else in the plan, by `personKey`. */
export function peerLabels(me: Identity, peers: readonly Peer[]): Map<string, string> {
  const people = new Map<string, string>([[me.userId, me.name]])
  for (const peer of peers) people.set(personKey(peer), peer.state.user.name)
  return presenceLabels([...people].map(([id, name]) => ({ id, name })))
}
