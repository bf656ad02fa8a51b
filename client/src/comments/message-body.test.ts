import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import * as Y from 'yjs'
import type { Descendant } from 'slate'
import { describe, expect, it } from 'vitest'
import { bodyNodes } from './body-nodes.js'
import { MessageBody } from './message-body.js'
import { mentionsIn } from './mentions-in.js'
import { writeBody } from './write-body.js'

const hostile: Descendant[] = [
  {
    type: 'paragraph',
    children: [
      { text: '<img src=x onerror="window.__pwned=1">', bold: true },
      { type: 'link', url: 'javascript:window.__pwned=1', children: [{ text: 'bad' }] },
      { type: 'link', url: 'https://example.com/a', children: [{ text: 'good' }] },
      { type: 'mention', userId: 'u-1', name: '<b>Pat</b>', children: [{ text: '' }] },
    ],
  },
]

describe('MessageBody', () => {
  it('renders text as text and only safe links as links', () => {
    const html = renderToStaticMarkup(createElement(MessageBody, { nodes: hostile }))
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('&lt;img src=x onerror=')
    expect(html).toContain('href="https://example.com/a"')
    expect(html.match(/<a /g)).toHaveLength(1)
  })

  it('reads back through @slate-yjs/core what it wrote, with marks, links and mentions', () => {
    const doc = new Y.Doc()
    const body = doc.get('body', Y.XmlText)
    writeBody(body, hostile)
    const nodes = bodyNodes(body)
    expect(nodes).toEqual(hostile)
    expect(mentionsIn(nodes)).toEqual(['u-1'])
  })
})
