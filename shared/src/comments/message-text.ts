import * as Y from 'yjs'

/** At most this many characters of a message are quoted where it is listed (the inbox). */
export const MESSAGE_TEXT_LIMIT = 280

/**
 * The plain text of a message body as @slate-yjs/core stores it (paragraphs and mentions as
 * embedded XmlTexts), a mention as `@name`, paragraphs joined by a space, cut to `limit`.
 */
export function messageText(body: Y.XmlText, limit = MESSAGE_TEXT_LIMIT): string {
  const text = textOf(body).replace(/\s+/g, ' ').trim()
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

function textOf(node: Y.XmlText): string {
  const parts: string[] = []
  for (const op of node.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') parts.push(op.insert)
    else if (op.insert instanceof Y.XmlText) {
      const { type, name } = op.insert.getAttributes() as { type?: unknown; name?: unknown }
      parts.push(
        type === 'mention' && typeof name === 'string' ? `@${name}` : ` ${textOf(op.insert)} `,
      )
    }
  }
  return parts.join('')
}
