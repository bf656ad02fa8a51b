import type { BaseRange, Editor } from 'slate'
import { Editor as Editors, Element, Range, Transforms } from 'slate'
import type { RichElement } from './rich-text.js'

type ListType = 'bulleted-list' | 'numbered-list'

/** Links and mentions sit inside a line; a mention is one unit that cannot be edited inside. */
export function withInlines<T extends Editor>(editor: T): T {
  const { isInline, isVoid, markableVoid } = editor
  editor.isInline = (element) =>
    element.type === 'link' || element.type === 'mention' || isInline(element)
  editor.isVoid = (element) => element.type === 'mention' || isVoid(element)
  editor.markableVoid = (element) => element.type === 'mention' || markableVoid(element)
  return editor
}

export function isMarkActive(editor: Editor, mark: 'bold' | 'italic'): boolean {
  return Editors.marks(editor)?.[mark] === true
}

export function toggleMark(editor: Editor, mark: 'bold' | 'italic'): void {
  if (isMarkActive(editor, mark)) Editors.removeMark(editor, mark)
  else Editors.addMark(editor, mark, true)
}

export function isListActive(editor: Editor, type: ListType): boolean {
  const [match] = Editors.nodes(editor, {
    match: (node) => Element.isElement(node) && node.type === type,
  })
  return match !== undefined
}

export function toggleList(editor: Editor, type: ListType): void {
  const active = isListActive(editor, type)
  Transforms.unwrapNodes(editor, {
    match: (node) =>
      Element.isElement(node) && (node.type === 'bulleted-list' || node.type === 'numbered-list'),
    split: true,
  })
  Transforms.setNodes<RichElement>(editor, { type: active ? 'paragraph' : 'list-item' })
  if (!active) Transforms.wrapNodes(editor, { type, children: [] })
}

/** Makes the selection a link, or inserts the URL as a linked text when nothing is selected. */
export function insertLink(editor: Editor, url: string, at: BaseRange | null): void {
  if (at) Transforms.select(editor, at)
  const selection = editor.selection
  if (!selection || Range.isCollapsed(selection)) {
    Transforms.insertNodes(editor, { type: 'link', url, children: [{ text: url }] })
  } else {
    Transforms.wrapNodes(editor, { type: 'link', url, children: [] }, { split: true })
    Transforms.collapse(editor, { edge: 'end' })
  }
}

/** Replaces `range` (the typed `@query`) with a mention of a member, then a space. */
export function insertMention(
  editor: Editor,
  range: BaseRange,
  member: { id: string; name: string },
): void {
  Transforms.select(editor, range)
  Transforms.insertNodes(editor, {
    type: 'mention',
    userId: member.id,
    name: member.name,
    children: [{ text: '' }],
  })
  Transforms.move(editor)
  Transforms.insertText(editor, ' ')
}
