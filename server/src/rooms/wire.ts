import * as encoding from 'lib0/encoding'
import { MESSAGE_TYPES } from '@tandem/shared'

const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

function encodeMessage(type: number, subtype: number | undefined, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (subtype !== undefined) encoding.writeVarUint(encoder, subtype)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A y-websocket sync message carrying one update. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return encodeMessage(MESSAGE_TYPES.sync, SYNC_UPDATE, update)
}

/** Sync step 1: the sender's state vector. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeMessage(MESSAGE_TYPES.sync, SYNC_STEP_1, stateVector)
}

/** Sync step 2: the update the receiver is missing. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeMessage(MESSAGE_TYPES.sync, SYNC_STEP_2, update)
}

/** An awareness message. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  return encodeMessage(MESSAGE_TYPES.awareness, undefined, update)
}
