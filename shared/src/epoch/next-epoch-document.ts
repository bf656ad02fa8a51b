import * as Y from 'yjs'
import { HISTORY_PERIODS } from '../actuals/history-periods.js'
import { PlanDoc } from '../plan-doc.js'
import { ROOTS } from '../roots.js'
import type { SharedType } from './copy-shared-type.js'
import { copyInto, emptyLike } from './copy-shared-type.js'
import { DOCUMENT_EPOCH_KEY, documentEpochOf } from './document-epoch.js'

/** A plan's next document: its encoded state and the epoch it carries in `meta`. */
export interface EpochDocument {
  update: Uint8Array
  epoch: number
}

/**
 * Builds the next epoch of a plan document: a fresh Y.Doc written under `clientID`, with every
 * root of `source` copied (maps, arrays, texts with their attributes and embedded types), every
 * overlay pair folded into a fresh base (`base[p] = edits[p] ?? base[p]`) with an empty
 * overlay, and `meta.documentEpoch` one more than the source's. Every value a reader sees is the
 * same; the history of overwrites is gone. Pure: the source is only read.
 */
export function nextEpochDocument(source: Y.Doc, clientID: number): EpochDocument {
  const epoch = documentEpochOf(source) + 1
  const periodKind = new PlanDoc(source).readMeta().periodKind
  const doc = new Y.Doc()
  doc.clientID = clientID
  const names = new Set<string>([...source.share.keys()].filter((name) => hasContent(source, name)))
  doc.transact(() => {
    for (const name of names) {
      const from = rootOf(source, name)
      const to = attachRoot(doc, name, from)
      const offset = name === 'actuals' ? HISTORY_PERIODS[periodKind] : 0
      copyInto(from, to, { offset })
    }
    doc.getMap('meta').set(DOCUMENT_EPOCH_KEY, epoch)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { update, epoch }
}

function hasContent(doc: Y.Doc, name: string): boolean {
  const root = doc.share.get(name)
  return root !== undefined && (root._start !== null || root._map.size > 0)
}

/** A root as its concrete type: the plan's roots are maps; another one is read as it was made. */
function rootOf(doc: Y.Doc, name: string): SharedType {
  const root = doc.share.get(name)
  if ((ROOTS as readonly string[]).includes(name) || (root && root._start === null))
    return doc.getMap(name)
  if (root && root.constructor !== Y.AbstractType) return root
  throw new Error(`Root ${name} holds a sequence of unknown kind`)
}

function attachRoot(doc: Y.Doc, name: string, like: SharedType): SharedType {
  const kind = emptyLike(like).constructor as new () => SharedType
  return doc.get(name, kind)
}
