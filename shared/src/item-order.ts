import type * as Y from 'yjs'

/** The SKUs of a document in board order, with their family and whether they are retired. */
export interface ItemOrder {
  skus: readonly string[]
  families: readonly string[]
  retired: readonly boolean[]
}

interface OrderCache {
  order: ItemOrder | undefined
}

const caches = new WeakMap<Y.Doc, OrderCache>()

/** Whether `type` is `items` or lies inside it. */
function touches(type: { _item: Y.Item | null }, items: object): boolean {
  let current: { _item: Y.Item | null } | null = type
  while (current) {
    if (current === items) return true
    const parent: unknown = current._item?.parent
    current = parent && typeof parent === 'object' ? (parent as { _item: Y.Item | null }) : null
  }
  return false
}

function cacheOf(doc: Y.Doc, items: object): OrderCache {
  let cache = caches.get(doc)
  if (!cache) {
    const created: OrderCache = { order: undefined }
    // Every change is made in a transaction, and its observers run after this event: a change
    // of `items` or of anything inside it forgets the order before anyone is told of it.
    doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      if (!created.order) return
      for (const type of transaction.changed.keys()) {
        if (touches(type, items)) {
          created.order = undefined
          return
        }
      }
    })
    caches.set(doc, created)
    cache = created
  }
  return cache
}

/**
 * The item order of a document, computed by `compute` at most once per change of `items`
 * (a 10,000-SKU board asks for it several times per render). Inside a transaction or while
 * its observers run, the order is computed afresh and not kept, since `items` may have changed
 * since the last event.
 */
export function itemOrderOf(doc: Y.Doc, items: object, compute: () => ItemOrder): ItemOrder {
  const settled = doc._transaction === null && doc._transactionCleanups.length === 0
  if (!settled) return compute()
  const cache = cacheOf(doc, items)
  cache.order ??= compute()
  return cache.order
}
