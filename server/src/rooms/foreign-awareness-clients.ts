import * as decoding from 'lib0/decoding'
import type { Awareness } from 'y-protocols/awareness'

/**
 * The clientIDs in an awareness update that belong to someone else: present in the room and set
 * by another user (`userOf` gives who set each one). A connection may announce new clientIDs and
 * update its user's own (also after a reconnect, before the old socket is reaped); it may not
 * overwrite another person's presence (their name, colour or cursor).
 */
export function foreignAwarenessClients(
  update: Uint8Array,
  awareness: Awareness,
  userId: string,
  userOf: (clientId: number) => string | undefined,
): number[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const foreign: number[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
    if (awareness.getStates().has(clientId) && userOf(clientId) !== userId) foreign.push(clientId)
  }
  return foreign
}
