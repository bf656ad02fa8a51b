/**
 * Overlay items at which a due compaction starts a new document epoch: about 11 MB of heap
 * (some 230 bytes an item) on top of the plan's current values.
 */
export const DEFAULT_EPOCH_AFTER = 50_000
