import type * as Y from 'yjs'
import type { Descendant } from 'slate'
import { slateNodesToInsertDelta } from '@slate-yjs/core'

/** Writes a Slate tree into an empty message body, the way @slate-yjs/core encodes it. */
export function writeBody(body: Y.XmlText, nodes: Descendant[]): void {
  body.applyDelta(slateNodesToInsertDelta(nodes), { sanitize: false })
}
