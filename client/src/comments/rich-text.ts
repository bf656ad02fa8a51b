import type { BaseEditor, Descendant } from 'slate'
import type { HistoryEditor } from 'slate-history'
import type { ReactEditor } from 'slate-react'

/** Formatting a run of text may carry. */
export interface RichLeaf {
  text: string
  bold?: boolean
  italic?: boolean
}

/** The elements a comment holds; every one is rendered by our own components. */
export type RichElement =
  | { type: 'paragraph'; children: Descendant[] }
  | { type: 'bulleted-list'; children: Descendant[] }
  | { type: 'numbered-list'; children: Descendant[] }
  | { type: 'list-item'; children: Descendant[] }
  | { type: 'link'; url: string; children: Descendant[] }
  | { type: 'mention'; userId: string; name: string; children: Descendant[] }

declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor & HistoryEditor
    Element: RichElement
    Text: RichLeaf
  }
}

/** An empty comment: one empty paragraph. */
export function emptyComment(): Descendant[] {
  return [{ type: 'paragraph', children: [{ text: '' }] }]
}
