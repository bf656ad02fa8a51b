import type { ReactNode } from 'react'
import type { Descendant } from 'slate'
import { isSafeUrl } from '@tandem/shared'

/**
 * A comment rendered from its Slate tree by our own components: text is always text, links
 * are links only when their target is http, https or mailto, and nothing is parsed as HTML.
 */
export function MessageBody({ nodes }: { nodes: readonly Descendant[] }) {
  return <div className="message-body">{nodes.map(renderNode)}</div>
}

function renderNode(node: Descendant, index: number): ReactNode {
  if ('text' in node) {
    let content: ReactNode = typeof node.text === 'string' ? node.text : ''
    if (node.bold === true) content = <strong>{content}</strong>
    if (node.italic === true) content = <em>{content}</em>
    return <span key={index}>{content}</span>
  }
  const children = Array.isArray(node.children) ? node.children.map(renderNode) : null
  switch (node.type) {
    case 'bulleted-list':
      return <ul key={index}>{children}</ul>
    case 'numbered-list':
      return <ol key={index}>{children}</ol>
    case 'list-item':
      return <li key={index}>{children}</li>
    case 'link':
      return isSafeUrl(node.url) ? (
        <a key={index} href={node.url} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      ) : (
        <span key={index} className="unsafe-link" data-testid="unsafe-link">
          {children}
        </span>
      )
    case 'mention':
      return (
        <span key={index} className="mention" data-testid="mention">
          @{String(node.name)}
        </span>
      )
    default:
      return <p key={index}>{children}</p>
  }
}
