import type { BaseRange, Editor } from 'slate'
import { Editor as Editors, Range } from 'slate'

const QUERY = /@([\p{L}\p{N}_.-]{0,30})$/u

/** The `@query` typed just before the caret, with its range, if the caret follows one. */
export function mentionQuery(editor: Editor): { query: string; range: BaseRange } | undefined {
  const { selection } = editor
  if (!selection || !Range.isCollapsed(selection)) return undefined
  const start = Editors.start(editor, selection.anchor.path.slice(0, -1))
  const before = Editors.string(editor, { anchor: start, focus: selection.anchor })
  const found = QUERY.exec(before)
  if (!found) return undefined
  const from = Editors.before(editor, selection.anchor, {
    distance: found[0].length,
    unit: 'character',
  })
  return from ? { query: found[1], range: { anchor: from, focus: selection.anchor } } : undefined
}
