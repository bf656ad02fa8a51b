import type { Role } from '@tandem/shared'
import type { ChartTarget } from '../chart/chart-target.js'
import type { CellPointer } from '../plan-view/cell-pointer.js'

export type { CellPointer }

/**
 * A selected range by its top and bottom row keys, first column and width; with the plan
 * periods it covers (`first` of its first column to `last` of its last) when it lies over period
 * columns, so a board at another time grain highlights its own columns (`rangeColumns`).
 */
export interface RangePointer {
  from: string
  to: string
  col: number
  width: number
  periods?: { first: number; last: number }
}

/** What each person publishes through awareness. */
export interface PresenceState {
  /**
   * Who I am: my user id, name and role, and the colour slot I claimed (`claimColourSlot`) with
   * its colour and when I joined, so that everyone in the plan shows everyone in one distinct
   * colour.
   */
  user: { id?: string; name: string; role: Role; colour: string; slot?: number; since?: number }
  /** The focused cell. */
  cursor?: CellPointer
  /** The selected range: top and bottom row keys, first column and width. */
  selection?: RangePointer
  /** True while the person has a cell editor open. */
  editing?: boolean
  /** The top-left cell of the person's view, for followers. */
  viewport?: CellPointer
  /** The presenter's view in a running meeting, which every participant's board follows. */
  presenting?: PresenterView
}

/** What a meeting's participants take from the presenter besides the cell and viewport. */
export interface PresenterView {
  meetingId: string
  /** The presenter's `ViewState` (rows, filters, sort, grain), parsed by each follower as untrusted. */
  view: unknown
  chartOpen: boolean
  chart?: ChartTarget
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
