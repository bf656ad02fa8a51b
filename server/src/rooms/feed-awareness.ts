import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Presence passed between instances, with the user who set it, so that every instance binds a
 * presence clientID to its user for the room's lifetime (a viewer on one instance could
 * otherwise claim a clientID first set on another). A leading 0xff marks the envelope: a bare
 * awareness update (from an older instance) never starts with it, as it carries at most 16
 * entries.
 */
const ENVELOPE = 0xff

export function encodeFeedAwareness(userId: string | undefined, update: Uint8Array): Uint8Array {
  if (userId === undefined) return update
  const encoder = encoding.createEncoder()
  encoding.writeUint8(encoder, ENVELOPE)
  encoding.writeVarString(encoder, userId)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function decodeFeedAwareness(bytes: Uint8Array): {
  userId: string | undefined
  update: Uint8Array
} {
  if (bytes[0] !== ENVELOPE) return { userId: undefined, update: bytes }
  const decoder = decoding.createDecoder(bytes)
  decoding.readUint8(decoder)
  const userId = decoding.readVarString(decoder)
  return { userId, update: decoding.readVarUint8Array(decoder) }
}
