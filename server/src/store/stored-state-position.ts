import type { StoredPlanState } from './plan-log.js'

/**
 * Where a stored plan state stands, as one string: its document epoch, snapshot epoch and last
 * log entry. Two reads with the same position hold the same content, so results derived from a
 * stored state (accuracy reports, inbox items) are cached under it.
 */
export function storedStatePosition(state: StoredPlanState): string {
  const last = state.updates.at(-1)?.seq ?? state.compactedThrough ?? ''
  return `${state.documentEpoch}:${state.snapshotEpoch}:${last}`
}
