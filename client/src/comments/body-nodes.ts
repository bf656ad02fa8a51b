import type * as Y from 'yjs'
import type { Descendant } from 'slate'
import { yTextToSlateElement } from '@slate-yjs/core'

/** The Slate tree of a message body, as @slate-yjs/core reads it. */
export function bodyNodes(body: Y.XmlText): Descendant[] {
  return yTextToSlateElement(body).children
}
