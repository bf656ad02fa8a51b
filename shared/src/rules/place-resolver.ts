import * as Y from 'yjs'

/** Where a struct sits: its root and the keys below it ('#' for a position in an array). */
export interface Place {
  root: string
  keys: string[]
  /** True when the struct's parent type was created by the same update. */
  parentFresh: boolean
}

type AnyStruct = Y.Item | Y.GC | Y.Skip

/** The most keys below a root that any place in a plan has (rich text in comments included). */
export const MAX_PLACE_DEPTH = 32

/**
 * Resolves the structs of a decoded update, and the items its delete set names, to their place
 * in the live document. An overwrite carries no parent, only an origin: its place is its
 * origin's place, looked up among the update's own structs or in the live document.
 */
export class PlaceResolver {
  private readonly byClient = new Map<number, (Y.Item | Y.GC)[]>()
  private readonly places = new Map<Y.Item, Place | null>()

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly AnyStruct[],
  ) {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue
      const list = this.byClient.get(struct.id.client)
      if (list) list.push(struct)
      else this.byClient.set(struct.id.client, [struct])
    }
  }

  /** An item of this update containing `id`, if the live document does not have `id` yet. */
  updateItem(client: number, clock: number): Y.Item | undefined {
    const struct = this.updateStruct(client, clock)
    return struct instanceof Y.Item ? struct : undefined
  }

  /**
   * True when every ID an item refers to (its neighbours and its parent) is in the live
   * document or in this update. Yjs looks them up even for items it already has: a missing one
   * makes it hold the item back (pending, applied later unchecked) or throw halfway through.
   */
  referencesExist(item: Y.Item): boolean {
    const parent = item.parent instanceof Y.ID ? item.parent : null
    return [item.origin, item.rightOrigin, parent].every(
      (id) =>
        id === null ||
        id.clock < Y.getState(this.doc.store, id.client) ||
        this.updateStruct(id.client, id.clock) !== undefined,
    )
  }

  private updateStruct(client: number, clock: number): Y.Item | Y.GC | undefined {
    const list = this.byClient.get(client)
    if (!list || clock < Y.getState(this.doc.store, client)) return undefined
    let low = 0
    let high = list.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = list[mid]
      if (clock < struct.id.clock) high = mid - 1
      else if (clock >= struct.id.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }

  /** The live struct containing `id`, if the document has it. */
  liveStruct(client: number, clock: number): Y.Item | Y.GC | undefined {
    const structs = this.doc.store.clients.get(client)
    if (!structs || clock >= Y.getState(this.doc.store, client)) return undefined
    return structs[Y.findIndexSS(structs, clock)]
  }

  /** The place a struct writes to, or null when it cannot be resolved. */
  placeOf(item: Y.Item): Place | null {
    const cached = this.places.get(item)
    if (cached !== undefined) return cached
    this.places.set(item, null)
    const resolved = this.resolve(item)
    // Nothing in a plan nests deeper; capping the depth also keeps resolving linear.
    const place = resolved && resolved.keys.length <= MAX_PLACE_DEPTH ? resolved : null
    this.places.set(item, place)
    return place
  }

  private resolve(item: Y.Item): Place | null {
    const parent = item.parent as unknown
    const sub = item.parentSub ?? '#'
    if (parent instanceof Y.AbstractType) {
      const path = this.typePath(parent)
      return path && { root: path.root, keys: [...path.keys, sub], parentFresh: false }
    }
    if (typeof parent === 'string') return { root: parent, keys: [sub], parentFresh: false }
    if (parent instanceof Y.ID) {
      const fresh = this.updateItem(parent.client, parent.clock)
      const owner = fresh ?? this.liveStruct(parent.client, parent.clock)
      if (!(owner instanceof Y.Item) || !(owner.content instanceof Y.ContentType)) return null
      const path = fresh ? this.placeOf(fresh) : this.typePath(owner.content.type)
      return (
        path && { root: path.root, keys: [...path.keys, sub], parentFresh: fresh !== undefined }
      )
    }
    const ref = item.origin ?? item.rightOrigin
    if (!ref) return null
    const fresh = this.updateItem(ref.client, ref.clock)
    if (fresh) return this.placeOf(fresh)
    const live = this.liveStruct(ref.client, ref.clock)
    return live instanceof Y.Item ? this.placeOf(live) : null
  }

  private typePath(type: Y.AbstractType<unknown>): { root: string; keys: string[] } | null {
    if (type._item === null) {
      const root = Y.findRootTypeKey(type)
      return { root, keys: [] }
    }
    return this.placeOf(type._item)
  }
}
