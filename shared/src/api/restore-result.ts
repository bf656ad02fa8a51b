/** What restoring a version wrote, and how many cells it left because they are frozen. */
export interface RestoreResult {
  restoredCells: number
  skippedFrozen: number
}
