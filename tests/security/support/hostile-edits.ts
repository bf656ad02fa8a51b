import * as Y from 'yjs'
import type { SeededRandom } from '@tandem/shared'
import { PlanDoc, startThread } from '@tandem/shared'

/** Values no cell, item or setting may hold, and a few it may. */
export const NASTY_VALUES: unknown[] = [
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
/** Map keys a layout never uses, or uses only in other places. */
export const HOSTILE_KEYS = [
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
/** The plan's roots and two that must never exist. */
export const HOSTILE_ROOTS = [
  'meta',
  'items',
  'demand',
  'supply',
  'capacity',
  'comments',
  'flags',
  'actuals',
  'forecast',
  'overrideReasons',
  'evil',
  '',
]

/** An edit a real client could make: cells, items, settings, comments, or a row without item. */
export function plausibleEdit(
  random: SeededRandom,
  plan: PlanDoc,
  doc: Y.Doc,
  userId: string,
): void {
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

/** A random write of a random (often invalid) value at a random (often invalid) place. */
export function hostileEdit(random: SeededRandom, plan: PlanDoc, doc: Y.Doc): void {
  const root = random.pick(HOSTILE_ROOTS)
  const key = random.next() < 0.5 ? random.pick(HOSTILE_KEYS) : random.pick(plan.listSkus())
  const value = () => (random.next() < 0.15 ? newType(random) : random.pick(NASTY_VALUES))
  const map = doc.getMap<unknown>(root)
  const child = map.get(key)
  switch (random.int(0, 7)) {
    case 0:
      map.set(key, value())
      return
    case 1:
      if (child instanceof Y.Map)
        child.set(random.pick([...HOSTILE_KEYS, 'edits', 'base', 'name']), value())
      else map.set(key, value())
      return
    case 2: {
      const row = plan.row(random.pick(['demand', 'supply', 'capacity'] as const), key)
      row?.edits.set(random.pick(HOSTILE_KEYS), value() as number)
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
      // A subdocument's guid is random unless given: the corpus must not be.
      return new Y.Doc({ guid: `subdoc-${random.int(0, 1_000_000)}` })
  }
}

/** Nested Y types 1000 and 4000 deep, under several roots. */
export function deeplyNested(copy: () => Y.Doc, userId: string): Uint8Array[] {
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
