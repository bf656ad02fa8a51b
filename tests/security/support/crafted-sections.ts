import * as encoding from 'lib0/encoding'

/** A struct ID: the client and its clock. */
export interface ID {
  client: number
  clock: number
}
export type Parent = { root: string } | { id: ID }
/** One struct of a hand-built section: an item (any or deleted content) or a GC. */
export interface Crafted {
  client: number
  clock: number
  origin?: ID
  rightOrigin?: ID
  parent?: Parent
  parentSub?: string
  content: { any: unknown[] } | { deleted: number } | { gc: number }
}

/**
 * Encodes v1 sections by hand, so that a test can send what no Yjs client would: overlapping
 * structs, several sections for one client, GCs, second values for one key. `sections[i]` is one
 * client section of consecutive structs; `deleteSet` lists [client, clock, length] ranges.
 */
export function encodeSections(
  sections: Crafted[][],
  deleteSet: [number, number, number][] = [],
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, sections.length)
  for (const structs of sections) {
    encoding.writeVarUint(encoder, structs.length)
    encoding.writeVarUint(encoder, structs[0].client)
    encoding.writeVarUint(encoder, structs[0].clock)
    for (const s of structs) {
      if ('gc' in s.content) {
        encoding.writeUint8(encoder, 0)
        encoding.writeVarUint(encoder, s.content.gc)
        continue
      }
      const ref = 'any' in s.content ? 8 : 1
      const info =
        ref | (s.origin ? 0x80 : 0) | (s.rightOrigin ? 0x40 : 0) | (s.parentSub ? 0x20 : 0)
      encoding.writeUint8(encoder, info)
      for (const id of [s.origin, s.rightOrigin]) {
        if (!id) continue
        encoding.writeVarUint(encoder, id.client)
        encoding.writeVarUint(encoder, id.clock)
      }
      if (!s.origin && !s.rightOrigin) {
        const parent = s.parent ?? { root: 'comments' }
        if ('root' in parent) {
          encoding.writeVarUint(encoder, 1)
          encoding.writeVarString(encoder, parent.root)
        } else {
          encoding.writeVarUint(encoder, 0)
          encoding.writeVarUint(encoder, parent.id.client)
          encoding.writeVarUint(encoder, parent.id.clock)
        }
        if (s.parentSub) encoding.writeVarString(encoder, s.parentSub)
      }
      if ('any' in s.content) {
        encoding.writeVarUint(encoder, s.content.any.length)
        for (const value of s.content.any) encoding.writeAny(encoder, value as never)
      } else {
        encoding.writeVarUint(encoder, s.content.deleted)
      }
    }
  }
  const byClient = new Map<number, [number, number][]>()
  for (const [client, clock, len] of deleteSet) {
    byClient.set(client, [...(byClient.get(client) ?? []), [clock, len]])
  }
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
  return encoding.toUint8Array(encoder)
}
