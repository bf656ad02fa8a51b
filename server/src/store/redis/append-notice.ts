import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { LoggedUpdate } from '../plan-log.js'

/**
 * What an append tells the instances following a plan: the entries themselves when they are
 * small, with the position they follow, so that a follower standing there takes them without
 * reading the log (one Redis round trip less per edit). Larger appends, and epoch changes, send
 * only the new last id and followers read the log. The append script (`appendScript` in
 * `redis-scripts.ts`) writes the same bytes in Lua when it publishes the notice itself: a change
 * to this format changes both (the Lua one is decoded in `redis-feed.test.ts`, this one in
 * `append-notice.test.ts`).
 */
export interface AppendNotice {
  /** The last entry appended before these ('' when the log never had one). */
  previousSeq: string
  documentEpoch: number
  entries: LoggedUpdate[]
}

/** Appends whose updates together exceed this are announced without their entries. */
export const INLINE_NOTICE_BYTES = 64 * 1024

/** Marks a notice that carries entries; a bare notice is a stream id, which starts with a digit. */
const WITH_ENTRIES = 0

/** The message for `notice`, or undefined when its entries are too large to carry. */
export function encodeAppendNotice(notice: AppendNotice): Buffer | undefined {
  let size = 0
  for (const entry of notice.entries) size += entry.update.byteLength
  if (size > INLINE_NOTICE_BYTES) return undefined
  const encoder = encoding.createEncoder()
  encoding.writeUint8(encoder, WITH_ENTRIES)
  encoding.writeVarString(encoder, notice.previousSeq)
  encoding.writeVarUint(encoder, notice.documentEpoch)
  encoding.writeVarUint(encoder, notice.entries.length)
  for (const entry of notice.entries) {
    encoding.writeVarString(encoder, entry.seq)
    encoding.writeVarString(encoder, entry.author)
    encoding.writeVarString(encoder, entry.at)
    encoding.writeVarUint8Array(encoder, entry.update)
  }
  return Buffer.from(encoding.toUint8Array(encoder))
}

/**
 * The entries a message carries, or undefined for a bare notice or one this version cannot
 * read (the follower then reads the log, which is always right).
 */
export function decodeAppendNotice(message: Buffer): AppendNotice | undefined {
  if (message.length === 0 || message[0] !== WITH_ENTRIES) return undefined
  try {
    const decoder = decoding.createDecoder(message)
    decoding.readUint8(decoder)
    const previousSeq = decoding.readVarString(decoder)
    const documentEpoch = decoding.readVarUint(decoder)
    const count = decoding.readVarUint(decoder)
    const entries: LoggedUpdate[] = []
    for (let i = 0; i < count; i++) {
      const seq = decoding.readVarString(decoder)
      const author = decoding.readVarString(decoder)
      const at = decoding.readVarString(decoder)
      // A copy: the message's buffer may be pooled.
      const update = decoding.readVarUint8Array(decoder).slice()
      entries.push({ seq, author, at, update })
    }
    return entries.length > 0 ? { previousSeq, documentEpoch, entries } : undefined
  } catch {
    return undefined
  }
}
