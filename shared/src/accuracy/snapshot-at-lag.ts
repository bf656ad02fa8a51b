/** A published snapshot, placed on the plan calendar by the period it was published in. */
export interface DatedSnapshot {
  id: string
  /** Index, on one shared calendar, of the period in which the snapshot was published. */
  publishedPeriod: number
  /** When it was published (ISO 8601), to order several snapshots of one period. */
  publishedAt: string
}

/**
 * The snapshot that forecast `targetPeriod` at `lag`: the last one published in period
 * `targetPeriod − lag`. Lag 1 is the version published one period before. Returns null when no
 * snapshot was published in that period: the figure is then "no data", not 0.
 */
export function snapshotAtLag<T extends DatedSnapshot>(
  snapshots: readonly T[],
  targetPeriod: number,
  lag: number,
): T | null {
  const wanted = targetPeriod - lag
  let best: T | null = null
  for (const snapshot of snapshots) {
    if (snapshot.publishedPeriod !== wanted) continue
    if (best === null || snapshot.publishedAt > best.publishedAt) best = snapshot
  }
  return best
}
