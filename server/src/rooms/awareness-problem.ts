import * as decoding from 'lib0/decoding'
import type { Awareness } from 'y-protocols/awareness'

/** Presence entries one message may carry: a client sends its own, a reconnect a few more. */
export const MAX_AWARENESS_ENTRIES = 16
/** The longest presence state, as JSON (a cursor, a selection, a name: a few hundred bytes). */
export const MAX_AWARENESS_STATE = 2 * 1024 * 1024
/** The deepest nesting a presence state may have. */
export const MAX_AWARENESS_DEPTH = 16
/**
 * Presence clientIDs one socket may set over its life: a stock client sets one, its document's.
 * Each clientID set is remembered for the room's lifetime (who owns it), so without a cap one
 * socket could grow the room's memory by a few entries per message, kept after it closed.
 */
export const MAX_AWARENESS_CLIENTS_PER_SOCKET = 4

/** Who sends presence, and who set each entry in this room's lifetime. */
export interface AwarenessSender {
  userId: string
  /** The user who first set this clientID's presence while the room lived, if any. */
  userOf: (clientId: number) => string | undefined
  /** The clientIDs this socket has set presence for so far. */
  setBySocket: ReadonlySet<number>
}

/**
 * Why a presence message must not reach y-protocols, or undefined when it may. Checked before
 * y-protocols stores anything: too many entries, states too large or too deep (relaying them
 * overflowed JSON.stringify), removals of entries nobody has (each one cost memory that stayed),
 * and entries another user set, even after they were removed.
 */
export function awarenessProblem(
  update: Uint8Array,
  awareness: Awareness,
  sender: AwarenessSender,
): string | undefined {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (count > MAX_AWARENESS_ENTRIES) return `more than ${MAX_AWARENESS_ENTRIES} presence entries`
    const fresh = new Set<number>()
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      const owner = sender.userOf(clientId)
      if (owner !== undefined && owner !== sender.userId)
        return `presence ${clientId} is another user's`
      if (json.length > MAX_AWARENESS_STATE) return 'a presence state is too large'
      if (nestingDepth(json) > MAX_AWARENESS_DEPTH) return 'a presence state is nested too deep'
      // y-protocols parses the state: " null" removes an entry just as "null" does.
      if (json.trim() === 'null') {
        if (!awareness.getStates().has(clientId)) return `no presence ${clientId} to remove`
        continue
      }
      if (!sender.setBySocket.has(clientId)) fresh.add(clientId)
    }
    if (sender.setBySocket.size + fresh.size > MAX_AWARENESS_CLIENTS_PER_SOCKET)
      return `more than ${MAX_AWARENESS_CLIENTS_PER_SOCKET} presence clientIDs from one socket`
    return undefined
  } catch {
    return 'a malformed presence message'
  }
}

/** The deepest bracket nesting of a JSON text, strings skipped. */
function nestingDepth(json: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth)
    else if (c === 125 || c === 93) depth--
  }
  return deepest
}
