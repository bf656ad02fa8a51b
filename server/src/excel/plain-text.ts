import * as Y from 'yjs'

/**
 * The plain text of a rich-text body (a Slate tree in a Y.XmlText): the text of every leaf,
 * with one line per block element and no formatting or markup.
 */
export function plainText(body: Y.XmlText): string {
  const lines: string[] = []
  let line = ''
  for (const op of body.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') line += op.insert
    else if (op.insert instanceof Y.XmlText) {
      const inner = plainText(op.insert)
      if (isBlock(op.insert)) {
        if (line) lines.push(line)
        lines.push(inner)
        line = ''
      } else line += inner
    }
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

function isBlock(element: Y.XmlText): boolean {
  return !INLINE_TYPES.has(String(element.getAttribute('type') ?? ''))
}

const INLINE_TYPES = new Set(['mention', 'link'])
