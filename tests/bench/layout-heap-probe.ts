import * as Y from 'yjs'
import { trimDecodedArrays } from '@tandem/shared'
import { buildBenchPlan } from './build-bench-plan.js'

/**
 * `layout-heap-probe.ts [skus] [layout]`, with --expose-gc: the heap of a bare Y.Doc holding the
 * demo plan's items and rows in another layout (docs/architecture.md, "Heap of an open plan").
 * `today`: the snapshot as stored. `items-json`: each SKU's fields one JSON value. `rows-array`:
 * that, and `demand[sku]` a Y.Array base beside `demandEdits[sku]`. `rows-json`: items as JSON,
 * each base one JSON array, one overlay map per measure. `bases-json`: rows as `rows-json`,
 * items as today. Other roots are left out; they are small.
 */
type Layout = 'today' | 'items-json' | 'rows-array' | 'rows-json' | 'bases-json'

function encodeLayout(snapshot: Uint8Array, layout: Layout): Uint8Array {
  if (layout === 'today') return snapshot
  const source = new Y.Doc()
  Y.applyUpdate(source, snapshot)
  const doc = new Y.Doc()
  doc.clientID = 1
  doc.transact(() => {
    const items = doc.getMap('items')
    source.getMap<Y.Map<unknown>>('items').forEach((fields, sku) => {
      if (layout !== 'bases-json') {
        items.set(sku, fields.toJSON())
        return
      }
      const copy = items.set(sku, new Y.Map())
      for (const [name, value] of fields.entries()) copy.set(name, value)
    })
    for (const measure of ['demand', 'supply', 'capacity']) {
      const rows = doc.getMap(measure)
      const overlays = doc.getMap(`${measure}Edits`)
      source.getMap<Y.Map<unknown>>(measure).forEach((row, key) => {
        const base = (row.get('base') as Y.Array<number>).toArray()
        if (layout === 'items-json') {
          const copy = rows.set(key, new Y.Map<unknown>())
          copy.set('base', Y.Array.from(base))
          copy.set('edits', new Y.Map())
        } else if (layout === 'rows-array') {
          rows.set(key, Y.Array.from(base))
          overlays.set(key, new Y.Map())
        } else rows.set(key, base)
      })
    }
  })
  return Y.encodeStateAsUpdate(doc)
}

async function heapMB(): Promise<number> {
  if (!globalThis.gc) throw new Error('heap readings need --expose-gc')
  for (let i = 0; i < 3; i++) {
    globalThis.gc()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return process.memoryUsage().heapUsed / 2 ** 20
}

const [skus = '2000', layout = 'today'] = process.argv.slice(2)
const update = encodeLayout(buildBenchPlan(Number(skus), 104, 'layout').snapshot, layout as Layout)
const before = await heapMB()
const doc = new Y.Doc()
Y.applyUpdate(doc, update)
trimDecodedArrays(doc)
const heap = (await heapMB()) - before
console.log(
  `${layout}: update ${(update.byteLength / 2 ** 20).toFixed(2)} MB, heap ${heap.toFixed(1)} MB ` +
    `for ${skus} SKUs (${((heap * 10_000) / Number(skus)).toFixed(1)} MB per 10,000)`,
)
doc.destroy()
