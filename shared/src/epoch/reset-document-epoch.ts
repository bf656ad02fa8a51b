import type * as Y from 'yjs'
import { DOCUMENT_EPOCH_KEY, documentEpochOf } from './document-epoch.js'

/**
 * Makes a copy of a plan document start at epoch 0, as any new plan does, whatever epoch its
 * source was at: a scenario branched from a base at epoch N is a plan of its own, which the
 * store creates at document epoch 0, and a board's local copy announces the document's epoch.
 * True when the copy changed.
 */
export function resetDocumentEpoch(doc: Y.Doc): boolean {
  if (documentEpochOf(doc) === 0) return false
  doc.getMap('meta').delete(DOCUMENT_EPOCH_KEY)
  return true
}
