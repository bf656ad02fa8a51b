import * as Y from 'yjs'

type AnyStruct = Y.Item | Y.GC | Y.Skip

/**
 * Why Yjs would not integrate every struct of a normalised update now, whole (something held
 * back in `pendingStructs`, or thrown halfway), or undefined when it would. Simulates the order `Y.applyUpdate`
 * integrates in without touching the document: a client's structs go in clock order, and a
 * struct waits until every other client's struct it names (origin, right origin, parent) is in.
 *
 * Refused: a struct naming its own client's struct at its clock or later (Yjs looks it up
 * without waiting and throws halfway through), one naming another client's struct that neither
 * the document nor the update has, and structs that wait on each other across clients (Yjs
 * keeps them pending, to be released later, unchecked). An honest client only names what
 * existed when it wrote, so its updates always integrate whole.
 */
export function integrationProblem(
  doc: Y.Doc,
  structs: readonly AnyStruct[],
): 'missing' | 'order' | undefined {
  const sections = new Map<number, (Y.Item | Y.GC)[]>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return 'missing'
    const list = sections.get(struct.id.client)
    if (list) list.push(struct)
    else sections.set(struct.id.client, [struct])
  }
  const states = new Map<number, number>()
  const stateOf = (client: number) => states.get(client) ?? Y.getState(doc.store, client)
  const inUpdate = (id: Y.ID) => {
    const list = sections.get(id.client)
    const last = list?.[list.length - 1]
    return !!last && id.clock < last.id.clock + last.length
  }
  const next = new Map<number, number>()
  const waiting = new Map<number, number[]>()
  const queue = [...sections.keys()]
  let left = structs.length
  while (queue.length > 0) {
    const client = queue.pop()!
    const list = sections.get(client)!
    const start = next.get(client) ?? 0
    let index = start
    while (index < list.length) {
      const struct = list[index]
      const blocker = struct instanceof Y.Item ? awaited(struct, stateOf, inUpdate) : undefined
      if (blocker === 'missing' || blocker === 'order') return blocker
      if (blocker !== undefined) {
        const waiters = waiting.get(blocker)
        if (waiters) waiters.push(client)
        else waiting.set(blocker, [client])
        break
      }
      states.set(client, struct.id.clock + struct.length)
      index++
      left--
    }
    next.set(client, index)
    if (index === start) continue
    const waiters = waiting.get(client)
    if (waiters) {
      waiting.delete(client)
      queue.push(...waiters)
    }
  }
  return left === 0 ? undefined : 'order'
}

/**
 * The client whose structs `item` waits for, undefined when it can be integrated now, or why
 * it never can: it names content nobody has (`missing`), or its own client's content at its
 * clock or later (`order`).
 */
function awaited(
  item: Y.Item,
  stateOf: (client: number) => number,
  inUpdate: (id: Y.ID) => boolean,
): number | 'missing' | 'order' | undefined {
  const parent = item.parent instanceof Y.ID ? item.parent : null
  for (const id of [item.origin, item.rightOrigin, parent]) {
    if (id === null) continue
    if (id.client === item.id.client) {
      if (id.clock >= item.id.clock) return 'order'
      continue
    }
    if (id.clock < stateOf(id.client)) continue
    return inUpdate(id) ? id.client : 'missing'
  }
  return undefined
}
