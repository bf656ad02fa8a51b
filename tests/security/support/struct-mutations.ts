import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { SeededRandom } from '@tandem/shared'

type AnyStruct = Y.Item | Y.GC | Y.Skip

/** One client section of an update: its structs in clock order (the first one's clock counts). */
export interface Section {
  client: number
  clock: number
  structs: AnyStruct[]
}

/** What a struct-level mutation may use besides the update itself. */
export interface MutationSource {
  /** The live document, to pick existing types and items from. */
  live: Y.Doc
  /** clientIDs of other users, and the server's own. */
  otherClients: number[]
  serverClient: number
  /** Values no cell may hold. */
  nastyValues: unknown[]
}

/** The kinds of struct-level damage `mutateUpdate` can do to a real client update. */
export const MUTATIONS = [
  'overlap',
  'duplicateSection',
  'emptySection',
  'gc',
  'skip',
  'pendingOrigin',
  'forwardReference',
  'secondValue',
  'deletedContent',
  'serverClient',
  'foreignClient',
  'nastyValue',
] as const
export type Mutation = (typeof MUTATIONS)[number]

/**
 * Rewrites a real client update struct by struct: overlaps with the sender's known history,
 * repeated sections, GC and skip structs, pending dependencies, references to the sender's own
 * later structs, several values for one key,
 * deleted content, the server's or another user's clientID, non-number values. Returns
 * undefined when the mutation does not apply to this update.
 */
export function mutateUpdate(
  random: SeededRandom,
  source: MutationSource,
  update: Uint8Array,
  mutation: Mutation,
): Uint8Array | undefined {
  const decoded = Y.decodeUpdate(update)
  const sections = sectionsOf(decoded.structs)
  if (sections.length === 0) return undefined
  const section = random.pick(sections)
  const items = section.structs.filter((s): s is Y.Item => s instanceof Y.Item)
  const ds = decoded.ds
  switch (mutation) {
    case 'overlap': {
      const first = section.structs[0]
      if (!(first instanceof Y.Item) || section.clock === 0) return undefined
      const values = first.content instanceof Y.ContentAny ? first.content.arr : [0]
      const parent = randomParent(random, source.live)
      if (!parent) return undefined
      const item = new Y.Item(
        Y.createID(section.client, section.clock - 1),
        null,
        null,
        null,
        null,
        // A decoded item names a root by its key string; Item's type says only types or IDs.
        parent.parent as Y.ID,
        parent.parentSub,
        new Y.ContentAny(['x', ...values.slice(0, 1), random.pick(source.nastyValues)]),
      )
      section.clock -= 1
      section.structs[0] = item
      return encodeSections(sections, ds)
    }
    case 'duplicateSection': {
      if (section.structs.length < 2) return encodeSections([...sections, section], ds)
      const cut = random.int(1, section.structs.length - 1)
      const tail: Section = {
        client: section.client,
        clock: section.clock + length(section.structs.slice(0, cut)),
        structs: section.structs.slice(cut),
      }
      section.structs = section.structs.slice(0, cut)
      return encodeSections([...sections, tail], ds)
    }
    case 'emptySection':
      return encodeSections([...sections, { client: section.client, clock: 0, structs: [] }], ds)
    case 'gc': {
      const index = random.int(0, section.structs.length - 1)
      const struct = section.structs[index]
      section.structs[index] = new Y.GC(struct.id, struct.length)
      return encodeSections(sections, ds)
    }
    case 'skip': {
      const index = random.int(0, section.structs.length)
      section.structs.splice(index, 0, new Y.Skip(Y.createID(section.client, 0), random.int(1, 3)))
      return encodeSections(sections, ds)
    }
    case 'forwardReference': {
      // A neighbour the sender writes later in the same update: Yjs looks it up at once and
      // throws halfway through.
      if (items.length < 2) return undefined
      const index = random.int(0, items.length - 2)
      const later = items[random.int(index + 1, items.length - 1)]
      const target = Y.createID(later.id.client, later.id.clock + later.length - 1)
      if (random.next() < 0.5) items[index].origin = target
      else items[index].rightOrigin = target
      return encodeSections(sections, ds)
    }
    case 'pendingOrigin': {
      if (items.length === 0) return undefined
      const item = random.pick(items)
      item.origin = Y.createID(random.pick(source.otherClients), 1_000_000)
      return encodeSections(sections, ds)
    }
    case 'secondValue': {
      if (items.length === 0) return undefined
      const target = random.pick(items)
      const item = new Y.Item(
        Y.createID(section.client, 0),
        null,
        null,
        null,
        target.id,
        null,
        null,
        new Y.ContentAny([random.pick(source.nastyValues)]),
      )
      section.structs.push(item)
      return encodeSections(sections, ds)
    }
    case 'deletedContent': {
      if (items.length === 0) return undefined
      const item = random.pick(items)
      if (item.content instanceof Y.ContentType) return undefined
      item.content = new Y.ContentDeleted(item.length)
      return encodeSections(sections, ds)
    }
    case 'serverClient':
    case 'foreignClient': {
      const to =
        mutation === 'serverClient' ? source.serverClient : random.pick(source.otherClients)
      return encodeSections(
        sections.map((s) => reclient(s, section.client, to, Y.getState(source.live.store, to))),
        ds,
      )
    }
    case 'nastyValue': {
      const values = items.filter((i) => i.content instanceof Y.ContentAny)
      if (values.length === 0) return undefined
      const item = random.pick(values)
      item.content = new Y.ContentAny(
        new Array(item.length).fill(null).map(() => random.pick(source.nastyValues)),
      )
      return encodeSections(sections, ds)
    }
  }
}

function sectionsOf(structs: AnyStruct[]): Section[] {
  const sections: Section[] = []
  for (const struct of structs) {
    const last = sections[sections.length - 1]
    if (last && last.client === struct.id.client) last.structs.push(struct)
    else sections.push({ client: struct.id.client, clock: struct.id.clock, structs: [struct] })
  }
  return sections
}

function length(structs: AnyStruct[]): number {
  return structs.reduce((sum, s) => sum + s.length, 0)
}

/** A type of the live document to hang a struct under: a root, or a nested map or text. */
function randomParent(
  random: SeededRandom,
  live: Y.Doc,
): { parent: string | Y.ID; parentSub: string | null } | undefined {
  const types: Y.Item[] = []
  for (const structs of live.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType && !struct.deleted)
        types.push(struct)
    }
  }
  if (types.length === 0 || random.next() < 0.1)
    return { parent: random.pick(['comments', 'demand', 'meta']), parentSub: 'k' }
  const type = random.pick(types)
  const isMap = type.content instanceof Y.ContentType && type.content.type instanceof Y.Map
  return { parent: type.id, parentSub: isMap ? random.pick(['0', '1', 'author', 'x']) : null }
}

/** The section moved to clientID `to`, starting at `clock`, its own references moved along. */
function reclient(section: Section, from: number, to: number, clock: number): Section {
  if (section.client !== from) return section
  const shift = clock - section.clock
  const move = (id: Y.ID | null) =>
    id && id.client === from ? Y.createID(to, id.clock + shift) : id
  for (const struct of section.structs) {
    if (!(struct instanceof Y.Item)) continue
    struct.origin = move(struct.origin)
    struct.rightOrigin = move(struct.rightOrigin)
    if (struct.parent instanceof Y.ID) struct.parent = move(struct.parent)
  }
  return { client: to, clock, structs: section.structs }
}

/** Encodes sections and a delete set as a v1 update, exactly as given. */
export function encodeSections(
  sections: Section[],
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, sections.length)
  for (const section of sections) {
    encoding.writeVarUint(encoder.restEncoder, section.structs.length)
    encoder.writeClient(section.client)
    encoding.writeVarUint(encoder.restEncoder, section.clock)
    for (const struct of section.structs) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size)
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoding.writeVarUint(encoder.restEncoder, range.clock)
      encoding.writeVarUint(encoder.restEncoder, range.len)
    }
  }
  return encoder.toUint8Array()
}
