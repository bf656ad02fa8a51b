import type { RenderElementProps, RenderLeafProps } from 'slate-react'
import { isSafeUrl } from '@tandem/shared'

/** How the editor draws elements: the same tags as a rendered message, never raw HTML. */
export function EditorElement({ attributes, children, element }: RenderElementProps) {
  switch (element.type) {
    case 'bulleted-list':
      return <ul {...attributes}>{children}</ul>
    case 'numbered-list':
      return <ol {...attributes}>{children}</ol>
    case 'list-item':
      return <li {...attributes}>{children}</li>
    case 'link':
      return (
        <span {...attributes} className={isSafeUrl(element.url) ? 'link' : 'unsafe-link'}>
          {children}
        </span>
      )
    case 'mention':
      return (
        <span {...attributes} contentEditable={false} className="mention">
          @{element.name}
          {children}
        </span>
      )
    default:
      return <p {...attributes}>{children}</p>
  }
}

export function EditorLeaf({ attributes, children, leaf }: RenderLeafProps) {
  let content = children
  if (leaf.bold) content = <strong>{content}</strong>
  if (leaf.italic) content = <em>{content}</em>
  return <span {...attributes}>{content}</span>
}
