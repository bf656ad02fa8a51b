/** What one probe run measures in a fresh process. */
export interface ProbeReport {
  type: 'probe'
  snapshotBytes: number
  singleCellUpdateBytes: number
  /** Room load (store read + apply) of the large plan, ms. */
  loadMs: number
  /** Full sync of a stock y-websocket client against the loaded room, ms. */
  fullSyncMs: number
  heapLargeMB: number
  heapSmallMB: number
  /** Heap of the large plan's room after the overwrites: heap(after) − heap(before the room existed), both after forced GC. */
  heapAfterOverwritesMB: number
  overwrites: number
  /** Document epochs the server started by itself during the overwrites. */
  epochsDuringOverwrites: number
  rssBeforeChurnMB: number
  rssAfterChurnMB: number
  churnPlans: number
  roomsLeaked: number
  appendSqlite: { p50: number; p99: number }
  appendRedis: { p50: number; p99: number }
}
