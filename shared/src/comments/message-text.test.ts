import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { messageText } from './message-text.js'

/** A body the way @slate-yjs/core writes one: each paragraph and mention an embedded XmlText. */
function body(paragraphs: (string | { mention: string })[][]): Y.XmlText {
  const doc = new Y.Doc()
  doc.clientID = 5
  const root = doc.get('body', Y.XmlText)
  root.applyDelta(
    paragraphs.map((parts) => {
      const paragraph = new Y.XmlText()
      paragraph.applyDelta(
        parts.map((part) => {
          if (typeof part === 'string') return { insert: part }
          const mention = new Y.XmlText()
          mention.insert(0, '')
          return { insert: mention, attributes: {} }
        }),
      )
      return { insert: paragraph, attributes: { type: 'paragraph' } }
    }),
    { sanitize: false },
  )
  const mentions = paragraphs.flat().filter((p): p is { mention: string } => typeof p !== 'string')
  let i = 0
  for (const op of root.toDelta() as { insert: Y.XmlText }[])
    for (const inner of op.insert.toDelta() as { insert: unknown }[])
      if (inner.insert instanceof Y.XmlText) {
        inner.insert.setAttribute('type', 'mention')
        inner.insert.setAttribute('name', mentions[i++].mention)
      }
  return root
}

describe('messageText', () => {
  it('reads paragraphs and mentions as plain text', () => {
    const text = messageText(
      body([['Please check ', { mention: 'Sam Sales' }, ' today'], ['Thanks']]),
    )
    expect(text).toBe('Please check @Sam Sales today Thanks')
  })

  it('cuts a long message with an ellipsis', () => {
    const text = messageText(body([['x'.repeat(400)]]), 10)
    expect(text).toBe(`${'x'.repeat(9)}…`)
    expect(messageText(body([]))).toBe('')
  })
})
