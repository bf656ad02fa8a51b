import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { EditSource } from './edit-source.js'
import { isEditSource } from './edit-source.js'
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
  editSources: 102,
  forecastProgress: 103,
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
  /** A forecast run of this plan: SKUs done of total, while running and once it ends. */
  | { type: 'forecastProgress'; state: ForecastRunState; done: number; total: number }

/** Where a plan's forecast run is. */
export const FORECAST_RUN_STATES = ['running', 'writing', 'done', 'failed'] as const
export type ForecastRunState = (typeof FORECAST_RUN_STATES)[number]

export function encodeExtensionMessage(message: ExtensionMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  if (message.type === 'saved') {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.saved)
    encoding.writeVarUint8Array(encoder, message.stateVector)
  } else if (message.type === 'forecastProgress') {
    encoding.writeVarUint(encoder, MESSAGE_TYPES.forecastProgress)
    encoding.writeVarString(encoder, message.state)
    encoding.writeVarUint(encoder, message.done)
    encoding.writeVarUint(encoder, message.total)
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
  if (type === MESSAGE_TYPES.forecastProgress) {
    const state = decoding.readVarString(decoder)
    const done = decoding.readVarUint(decoder)
    const total = decoding.readVarUint(decoder)
    if (!(FORECAST_RUN_STATES as readonly string[]).includes(state)) return undefined
    return { type: 'forecastProgress', state: state as ForecastRunState, done, total }
  }
  return undefined
}

/**
 * A client's declaration of where its own edits came from: the structs `clock ..
 * clock + length - 1` under `client` carry edits from `source`. A range of length 0 at the
 * client's current clock names the source of a transaction that only removed overlay entries.
 */
export interface EditSourceRange {
  client: number
  clock: number
  length: number
  source: EditSource
}

/** At most this many ranges in one `editSources` message; a longer one is refused. */
export const MAX_EDIT_SOURCE_RANGES = 1_000

/** Encodes the client→server `editSources` message (type 102). */
export function encodeEditSources(ranges: readonly EditSourceRange[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_TYPES.editSources)
  encoding.writeVarUint(encoder, ranges.length)
  for (const { client, clock, length, source } of ranges) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarUint(encoder, length)
    encoding.writeVarString(encoder, source)
  }
  return encoding.toUint8Array(encoder)
}

/**
 * Reads the body of an `editSources` message (after its type). Throws on unreadable bytes, more
 * than MAX_EDIT_SOURCE_RANGES ranges or an unknown source.
 */
export function readEditSources(decoder: decoding.Decoder): EditSourceRange[] {
  const count = decoding.readVarUint(decoder)
  if (count > MAX_EDIT_SOURCE_RANGES) throw new Error(`too many edit source ranges: ${count}`)
  const ranges: EditSourceRange[] = []
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const length = decoding.readVarUint(decoder)
    const source = decoding.readVarString(decoder)
    if (!isEditSource(source)) throw new Error(`unknown edit source ${source.slice(0, 20)}`)
    ranges.push({ client, clock, length, source })
  }
  return ranges
}
