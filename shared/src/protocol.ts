import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { RejectionCode } from './error-codes.js'
import { REJECTION_CODES } from './error-codes.js'

/** y-websocket message types, plus Tandem's extensions (≥ 100, sent only to clients with `?ext=1`). */
export const MESSAGE_TYPES = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  saved: 100,
  rejected: 101,
} as const

/** A cell or field named by a rejection: the root, the row key and the period or field. */
export interface RejectedPlace {
  root: string
  key?: string
  field?: string
  period?: number
}

/** The server's extension messages, as a tagged union. */
export type ExtensionMessage =
  | { type: 'saved'; stateVector: Uint8Array }
  | { type: 'rejected'; code: RejectionCode; reason: string; places: RejectedPlace[] }

export function encodeExtensionMessage(message: ExtensionMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  if (message.type === 'saved') {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.saved)
    encoding.writeVarUint8Array(encoder, message.stateVector)
  } else {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.rejected)
    encoding.writeVarString(encoder, message.code)
    encoding.writeVarString(encoder, message.reason)
    encoding.writeVarString(encoder, JSON.stringify(message.places))
  }
  return encoding.toUint8Array(encoder)
}

/** Decodes an extension message; returns undefined for any other type or unreadable bytes. */
export function decodeExtensionMessage(bytes: Uint8Array): ExtensionMessage | undefined {
  try {
    return readExtensionMessage(bytes)
  } catch {
    return undefined
  }
}

function readExtensionMessage(bytes: Uint8Array): ExtensionMessage | undefined {
  const decoder = decoding.createDecoder(bytes)
  const type = decoding.readVarUint(decoder)
  if (type === MESSAGE_TYPES.saved) {
    return { type: 'saved', stateVector: decoding.readVarUint8Array(decoder) }
  }
  if (type === MESSAGE_TYPES.rejected) {
    const code = decoding.readVarString(decoder)
    const reason = decoding.readVarString(decoder)
    const places = JSON.parse(decoding.readVarString(decoder)) as RejectedPlace[]
    if (!(REJECTION_CODES as readonly string[]).includes(code)) return undefined
    return { type: 'rejected', code: code as RejectionCode, reason, places }
  }
  return undefined
}
