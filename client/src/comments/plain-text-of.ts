import type { Descendant } from 'slate'

/** The text of a Slate tree without formatting, for previews and emptiness checks. */
export function plainTextOf(nodes: readonly Descendant[]): string {
  return nodes
    .map((node): string => {
      if ('text' in node) return node.text
      if (node.type === 'mention') return `@${node.name}`
      return plainTextOf(node.children)
    })
    .join(' ')
    .trim()
}
