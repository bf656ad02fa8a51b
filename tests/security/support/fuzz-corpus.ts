import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { SeededRandom } from '@tandem/shared'
import { MESSAGE_TYPES, PlanDoc, seededRandom, startThread } from '@tandem/shared'
import type { CraftedStruct } from './crafted-structs.js'
import { craftedUpdate } from './crafted-structs.js'
import { encodeSyncUpdate } from './raw-sync-client.js'

/** One message of the corpus: what kind of damage it carries, and its bytes. */
export interface CorpusEntry {
  kind: string
  bytes: Uint8Array
  /** Sent as a text frame instead of a binary one. */
  text?: boolean
}

/** What the corpus is built from: the plan as the server holds it, and who is who. */
export interface CorpusSource {
  /** The synced plan; never changed, each edit is made on a copy. */
  template: Y.Doc
  /** The fuzzing user's id (for comments in their own name). */
  userId: string
  /** A clientID that belongs to another user (the concurrent editor). */
  foreignClient: number
  maxPayload: number
}

const NASTY: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  -0.0001,
  1e308,
  2 ** 53 + 2,
  1.5,
  0.1 + 0.2,
  '12',
  '',
  'x'.repeat(3000),
  null,
  true,
  [],
  [1, 2],
  { a: 1 },
  {},
  12n,
  new Uint8Array([1, 2, 3]),
]
const KEYS = [
  '0',
  '3',
  '7',
  '-1',
  '08',
  '1e3',
  'x',
  '999999',
  '__proto__',
  'constructor',
  '',
  'a/b',
]
const ROOTS = ['meta', 'items', 'demand', 'supply', 'capacity', 'comments', 'flags', 'evil', '']

/**
 * Builds a seeded corpus of at least `size` hostile messages: random bytes, valid envelopes with
 * garbage inside, truncated and bit-flipped real updates, garbage awareness, huge varuint
 * lengths, hand-crafted structs, deeply nested types, unknown types and oversized frames.
 */
export function buildCorpus(source: CorpusSource, seed: number, size: number): CorpusEntry[] {
  const random = seededRandom(seed)
  const corpus: CorpusEntry[] = []
  const add = (kind: string, bytes: Uint8Array, text = false) => corpus.push({ kind, bytes, text })
  const state = Y.encodeStateAsUpdate(source.template)
  const copy = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    doc.clientID = random.int(1, 2 ** 31)
    return doc
  }
  const editOnCopy = (edit: (plan: PlanDoc, doc: Y.Doc) => void): Uint8Array => {
    const doc = copy()
    const before = Y.encodeStateVector(doc)
    try {
      doc.transact(() => edit(new PlanDoc(doc), doc))
    } catch {
      // An edit the Yjs API itself refuses still leaves whatever it did before throwing.
    }
    const update = Y.encodeStateAsUpdate(doc, before)
    doc.destroy()
    return update
  }

  const real: Uint8Array[] = []
  for (let i = 0; i < 400; i++)
    real.push(editOnCopy((plan, doc) => plausibleEdit(random, plan, doc, source.userId)))
  const semantic: Uint8Array[] = []
  for (let i = 0; i < 900; i++)
    semantic.push(editOnCopy((plan, doc) => hostileEdit(random, plan, doc)))
  for (const update of semantic) add('hostile edit', encodeSyncUpdate(update))
  for (let i = 0; i < 300; i++) add('plausible edit', encodeSyncUpdate(random.pick(real)))

  for (let i = 0; i < 1400; i++) add('random bytes', bytes(random, random.int(0, 256)))
  for (let i = 0; i < 1200; i++) {
    const type = random.int(0, 3)
    add('random after a known type', concat(varUint(type), bytes(random, random.int(0, 128))))
  }
  for (let i = 0; i < 1200; i++)
    add('garbage in a valid envelope', encodeSyncUpdate(bytes(random, random.int(0, 512))))
  for (let i = 0; i < 1200; i++) {
    const update = random.pick([...real, ...semantic])
    add('truncated update', encodeSyncUpdate(update.subarray(0, random.int(0, update.length - 1))))
  }
  for (let i = 0; i < 1500; i++)
    add('bit-flipped update', encodeSyncUpdate(flip(random, random.pick(real), random.int(1, 4))))
  for (let i = 0; i < 500; i++)
    add('bit-flipped message', flip(random, encodeSyncUpdate(random.pick(real)), random.int(1, 3)))
  for (let i = 0; i < 700; i++)
    add('awareness with garbage JSON', awareness(random, garbageJson(random)))
  for (let i = 0; i < 150; i++)
    add('awareness with odd JSON', awareness(random, random.pick(ODD_STATES)))
  for (let i = 0; i < 600; i++) add('huge varuint length', hugeLength(random))
  for (let i = 0; i < 500; i++) {
    const type = random.next() < 0.5 ? random.int(4, 120) : random.int(121, 2 ** 20)
    add('unknown message type', concat(varUint(type), bytes(random, random.int(0, 64))))
  }
  for (let i = 0; i < 300; i++)
    add('sync step 1 with a garbage state vector', frame(0, 0, bytes(random, random.int(0, 64))))
  for (let i = 0; i < 200; i++)
    add('unknown sync step', frame(0, random.int(3, 1000), bytes(random, random.int(0, 64))))
  for (let i = 0; i < 400; i++)
    add('crafted struct', encodeSyncUpdate(crafted(random, source.foreignClient)))
  for (let i = 0; i < 60; i++) {
    const over = source.maxPayload + random.int(1, 40 * 1024)
    add('oversized', i % 2 ? bytes(random, over) : encodeSyncUpdate(bytes(random, over)))
  }
  add(
    'oversized valid update',
    encodeSyncUpdate(editOnCopy((plan) => plan.meta.set('name', 'n'.repeat(source.maxPayload)))),
  )
  const nested = deeplyNested(copy, source.userId)
  for (let i = 0; i < 120; i++)
    add('deeply nested types', encodeSyncUpdate(nested[i % nested.length]))
  for (let i = 0; i < 40; i++) add('empty frame', new Uint8Array(0), i % 2 === 0)
  for (let i = 0; i < 60; i++)
    add('text frame', new TextEncoder().encode(garbageJson(random)), true)
  while (corpus.length < size) add('random bytes', bytes(random, random.int(1, 256)))
  return shuffle(random, corpus)
}

function plausibleEdit(random: SeededRandom, plan: PlanDoc, doc: Y.Doc, userId: string): void {
  const skus = plan.listSkus()
  const sku = random.pick(skus)
  const period = random.int(0, plan.periodCount - 1)
  switch (random.int(0, 6)) {
    case 0:
    case 1:
      plan.writeCell(random.pick(['demand', 'supply'] as const), sku, period, random.int(0, 5000))
      return
    case 2:
      plan.items.get(sku)?.set('safetyStock', random.int(0, 500))
      return
    case 3:
      plan.meta.set('name', `Plan ${random.int(0, 99)}`)
      return
    case 4: {
      const anchor = { measure: 'demand' as const, key: sku, period }
      const id = `t${random.int(0, 1e6)}`
      startThread(
        plan,
        { id, anchor, author: userId, now: new Date(0).toISOString() },
        { id: 'm' },
      ).insert(0, 'fuzz')
      return
    }
    case 5:
      plan.row('supply', sku)?.edits.delete(String(period))
      return
    default:
      doc.getMap('demand').set(`SKU-${random.int(0, 99)}`, new Y.Map())
  }
}

function hostileEdit(random: SeededRandom, plan: PlanDoc, doc: Y.Doc): void {
  const root = random.pick(ROOTS)
  const key = random.next() < 0.5 ? random.pick(KEYS) : random.pick(plan.listSkus())
  const value = () => (random.next() < 0.15 ? newType(random) : random.pick(NASTY))
  const map = doc.getMap<unknown>(root)
  const child = map.get(key)
  switch (random.int(0, 7)) {
    case 0:
      map.set(key, value())
      return
    case 1:
      if (child instanceof Y.Map)
        child.set(random.pick([...KEYS, 'edits', 'base', 'name']), value())
      else map.set(key, value())
      return
    case 2: {
      const row = plan.row(random.pick(['demand', 'supply', 'capacity'] as const), key)
      row?.edits.set(random.pick(KEYS), value() as number)
      return
    }
    case 3: {
      const row = plan.row(random.pick(['demand', 'supply'] as const), key)
      if (row && row.base.length > 0) {
        if (random.next() < 0.5) row.base.delete(random.int(0, row.base.length - 1), 1)
        else row.base.insert(random.int(0, row.base.length), [value() as number])
      }
      return
    }
    case 4:
      plan.meta.set(
        random.pick([
          'periodCount',
          'frozenThrough',
          'status',
          'maxValue',
          'resources',
          'decimals',
          'x',
        ]),
        value(),
      )
      return
    case 5:
      if (map.size > 0) map.delete(random.pick([...map.keys()]))
      return
    case 6:
      plan.items
        .get(plan.listSkus()[0])
        ?.set(random.pick(['safetyStock', 'openingStock', 'name', 'zzz']), value())
      return
    default:
      doc.getArray<unknown>(root || 'evil').insert(0, [value()])
  }
}

function newType(random: SeededRandom): unknown {
  switch (random.int(0, 4)) {
    case 0:
      return new Y.Map()
    case 1:
      return new Y.Array()
    case 2:
      return new Y.Text('text')
    case 3:
      return new Y.XmlText()
    default:
      return new Y.Doc()
  }
}

/** Nested Y types 1000 and 4000 deep, under several roots. */
function deeplyNested(copy: () => Y.Doc, userId: string): Uint8Array[] {
  const build = (
    depth: number,
    start: (doc: Y.Doc) => Y.Map<unknown> | Y.XmlText | Y.Array<unknown>,
  ) => {
    const doc = copy()
    const before = Y.encodeStateVector(doc)
    doc.transact(() => {
      let parent = start(doc)
      for (let i = 0; i < depth; i++) {
        if (parent instanceof Y.Map) {
          const next = new Y.Map<unknown>()
          parent.set('k', next)
          parent = next
        } else if (parent instanceof Y.XmlText) {
          const next = new Y.XmlText()
          parent.insertEmbed(0, next)
          parent = next
        } else {
          const next = new Y.Array<unknown>()
          parent.insert(0, [next])
          parent = next
        }
      }
    })
    return Y.encodeStateAsUpdate(doc, before)
  }
  const plan = (doc: Y.Doc) => new PlanDoc(doc)
  const now = new Date(0).toISOString()
  return [1000, 4000].flatMap((depth) => [
    build(depth, (doc) => doc.getMap('evil')),
    build(depth, (doc) => plan(doc).demand as Y.Map<unknown>),
    build(depth, (doc) => {
      const item = new Y.Map<unknown>()
      plan(doc).items.set('SKU-DEEP', item)
      return item
    }),
    build(depth, (doc) => doc.getArray('items')),
    build(depth, (doc) => {
      const anchor = { measure: 'demand' as const, key: plan(doc).listSkus()[0] }
      return startThread(
        plan(doc),
        { id: `deep${depth}`, anchor, author: userId, now },
        { id: 'm' },
      )
    }),
  ])
}

const ODD_STATES = [
  '{"user":{"name":"<img src=x onerror=alert(1)>","color":"javascript:alert(1)"}}',
  '{"__proto__":{"polluted":true}}',
  `{"cursor":${'['.repeat(500)}${']'.repeat(500)}}`,
  `{"big":"${'y'.repeat(20_000)}"}`,
  'null',
  '0',
  '"string state"',
]

function awareness(random: SeededRandom, json: string): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, random.int(1, 2 ** 31))
  encoding.writeVarUint(inner, random.int(0, 1000))
  encoding.writeVarString(inner, json)
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MESSAGE_TYPES.awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

function garbageJson(random: SeededRandom): string {
  const pieces = [
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    ',',
    'null',
    'tru',
    '1e999',
    '\\u00',
    'NaN',
    '\u0000',
    'ü',
    '\ud800',
  ]
  let text = ''
  for (let i = random.int(0, 40); i > 0; i--) text += random.pick(pieces)
  return text
}

function hugeLength(random: SeededRandom): Uint8Array {
  const huge = () => random.pick([2 ** 31, 2 ** 32 + 5, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER])
  const tail = () => bytes(random, random.int(0, 16))
  switch (random.int(0, 6)) {
    case 0:
      return concat(varUint(0), varUint(2), varUint(huge()), tail())
    case 1:
      return concat(varUint(1), varUint(huge()), tail())
    case 2:
      return concat(varUint(0), varUint(0), varUint(huge()), tail())
    case 3:
      return encodeSyncUpdate(concat(varUint(huge()), tail()))
    case 4:
      return encodeSyncUpdate(concat(varUint(1), varUint(huge()), varUint(7), varUint(0), tail()))
    case 5:
      return concat(varUint(huge()), tail())
    default: {
      const inner = concat(
        varUint(1),
        varUint(1),
        varUint(random.int(1, 1e6)),
        varUint(huge()),
        tail(),
      )
      return concat(varUint(MESSAGE_TYPES.awareness), varUint(inner.length), inner)
    }
  }
}

function crafted(random: SeededRandom, foreignClient: number): Uint8Array {
  const length = random.pick([0, 1, 2, 1000, 2 ** 31, 2 ** 40])
  const root = random.pick(ROOTS)
  const key = random.pick(KEYS)
  const struct: CraftedStruct = random.pick([
    { kind: 'gc', length },
    { kind: 'deleted', root, key, length },
    { kind: 'any', root, key, values: random.next() < 0.3 ? [] : [random.pick(NASTY)] },
  ] satisfies CraftedStruct[])
  const client = random.next() < 0.2 ? foreignClient : random.int(1, 2 ** 31)
  const clock = random.pick([0, 0, 1, 5, 2 ** 32])
  return craftedUpdate(struct, client, clock)
}

function frame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, value)
  return encoding.toUint8Array(encoder)
}

function bytes(random: SeededRandom, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = random.int(0, 255)
  return out
}

function flip(random: SeededRandom, source: Uint8Array, count: number): Uint8Array {
  const out = Uint8Array.from(source)
  for (let i = 0; i < count && out.length > 0; i++)
    out[random.int(0, out.length - 1)] ^= random.int(1, 255)
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function shuffle<T>(random: SeededRandom, values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[values[i], values[j]] = [values[j], values[i]]
  }
  return values
}
