import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { editKey } from './edit-key.js'

/** The two wire protocols under test: y-websocket's, and Hocuspocus's (document name first). */
export type Dialect = 'y-websocket' | 'hocuspocus'

const SYNC = 0
const AUTH = 2
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
const AUTHENTICATED = 2
const EMPTY_UPDATE = new Uint8Array([0, 0])

/**
 * What a light client makes of one incoming message: an update's {@link editKey}, the server's
 * sync step 1, Hocuspocus's `authenticated`, or -1 for anything else.
 */
export type Incoming = number | 'step1' | 'ready'

function start(dialect: Dialect, docName: string): encoding.Encoder {
  const encoder = encoding.createEncoder()
  if (dialect === 'hocuspocus') encoding.writeVarString(encoder, docName)
  return encoder
}

/** A sync update message carrying one Yjs update. */
export function updateMessage(dialect: Dialect, docName: string, update: Uint8Array): Uint8Array {
  const encoder = start(dialect, docName)
  encoding.writeVarUint(encoder, SYNC)
  encoding.writeVarUint(encoder, UPDATE)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The reply to the server's sync step 1 from a client that has nothing to add. */
export function emptyStep2(dialect: Dialect, docName: string): Uint8Array {
  const encoder = start(dialect, docName)
  encoding.writeVarUint(encoder, SYNC)
  encoding.writeVarUint(encoder, STEP2)
  encoding.writeVarUint8Array(encoder, EMPTY_UPDATE)
  return encoding.toUint8Array(encoder)
}

/** Hocuspocus waits for an auth message (an empty token here) before anything else. */
export function authMessage(docName: string): Uint8Array {
  const encoder = start('hocuspocus', docName)
  encoding.writeVarUint(encoder, AUTH)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, '')
  return encoding.toUint8Array(encoder)
}

/** Reads just enough of a message to count it, without decoding the update. */
export function readIncomingKey(dialect: Dialect, bytes: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(bytes)
  if (dialect === 'hocuspocus') decoding.readVarString(decoder)
  const type = decoding.readVarUint(decoder)
  if (type === AUTH && dialect === 'hocuspocus')
    return decoding.readVarUint(decoder) === AUTHENTICATED ? 'ready' : -1
  if (type !== SYNC) return -1
  const step = decoding.readVarUint(decoder)
  if (step === STEP1) return 'step1'
  return updateKey(decoding.readVarUint8Array(decoder))
}

/** The {@link editKey} of an update's first struct. */
export function updateKey(update: Uint8Array): number {
  const decoder = decoding.createDecoder(update)
  if (decoding.readVarUint(decoder) === 0) return -1
  decoding.readVarUint(decoder)
  const client = decoding.readVarUint(decoder)
  return editKey(client, decoding.readVarUint(decoder))
}
