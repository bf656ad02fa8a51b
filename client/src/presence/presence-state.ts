import type { Role } from '@tandem/shared'

/** A cell by row key and column, the same in every browser whatever its row filters. */
export interface CellPointer {
  row: string
  col: number
}

/** What each person publishes through awareness. */
export interface PresenceState {
  user: { name: string; role: Role; colour: string }
  /** The focused cell. */
  cursor?: CellPointer
  /** The selected range: top and bottom row keys, first column and width. */
  selection?: { from: string; to: string; col: number; width: number }
  /** True while the person has a cell editor open. */
  editing?: boolean
  /** The top-left cell of the person's view, for followers. */
  viewport?: CellPointer
}

/** Another person in the plan. */
export interface Peer {
  clientId: number
  state: PresenceState
}

export function isPresenceState(value: unknown): value is PresenceState {
  const user = (value as PresenceState | null)?.user
  return typeof user?.name === 'string' && typeof user.colour === 'string'
}
