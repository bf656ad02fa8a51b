import type { Descendant } from 'slate'

/** The user ids mentioned in a Slate tree, each once. */
export function mentionsIn(nodes: readonly Descendant[]): string[] {
  const found = new Set<string>()
  const walk = (node: Descendant) => {
    if ('text' in node) return
    if (node.type === 'mention') found.add(node.userId)
    node.children.forEach(walk)
  }
  nodes.forEach(walk)
  return [...found]
}
