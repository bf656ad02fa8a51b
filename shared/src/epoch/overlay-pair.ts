/**
 * The naming rule of overlay pairs in a row map: `base` beside `edits`, or `<name>Base` beside
 * `<name>Edits` (`productionBase`/`productionEdits`). The base is a `Y.Array` written whole; the
 * edits are a last-writer-wins `Y.Map` keyed by period index. A new epoch folds every such pair.
 */
export function baseKeyOf(editsKey: string): string | undefined {
  if (editsKey === 'edits') return 'base'
  const match = /^([a-z][A-Za-z0-9]*)Edits$/.exec(editsKey)
  return match ? `${match[1]}Base` : undefined
}
