/**
 * Where a cell edit came from, recorded with every change in the per-cell history. A client
 * declares grid, paste, spread, fill, undo and baseline (accepting the statistical forecast)
 * for its own edits; import, restore, scenario (a promoted scenario's cells) and proposal (the
 * supply proposal written into a new scenario) are written only by the server.
 */
export const EDIT_SOURCES = [
  'grid',
  'paste',
  'spread',
  'fill',
  'undo',
  'import',
  'restore',
  'baseline',
  'scenario',
  'proposal',
] as const

export type EditSource = (typeof EDIT_SOURCES)[number]

/** The sources a client may declare for its own edits (protocol message `editSources`). */
export const CLIENT_EDIT_SOURCES: readonly EditSource[] = [
  'grid',
  'paste',
  'spread',
  'fill',
  'undo',
  'baseline',
]

export function isEditSource(value: unknown): value is EditSource {
  return (EDIT_SOURCES as readonly unknown[]).includes(value)
}
