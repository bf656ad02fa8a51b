import type * as Y from 'yjs'

/**
 * The `meta` key that holds a plan document's epoch: 0 (absent) for the document a plan was
 * created with, one more for each fresh document the server started since. Only the server
 * writes it, when it builds the next epoch's document; no client role may write or delete it
 * (it is not a plan setting, so `checkMetaWrite` refuses it).
 */
export const DOCUMENT_EPOCH_KEY = 'documentEpoch'

/** The epoch of a plan document, from its `meta` root (0 when it was never changed). */
export function documentEpochOf(doc: Y.Doc): number {
  const value: unknown = doc.getMap('meta').get(DOCUMENT_EPOCH_KEY)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0
}
