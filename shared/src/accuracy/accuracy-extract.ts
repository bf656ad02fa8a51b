import type { PlanDoc } from '../plan-doc.js'
import type { PeriodKind } from '../plan-meta.js'
import { MAX_ACCURACY_LAG } from '../api/accuracy-report.js'
import type { AccuracySnapshot } from './accuracy-input.js'
import { extractAccuracySnapshot } from './extract-accuracy-snapshot.js'
import type { SnapshotPlacement } from './extract-accuracy-snapshot.js'
import { periodAt } from './period-at.js'

/**
 * What the Accuracy report needs of one published version, kept beside it so a report never
 * decodes the version's document again: its snapshot on the version's own calendar (the
 * `MAX_ACCURACY_LAG` periods after the one it was published in). Placing it on the live plan's
 * calendar is then a lookup (`placeAccuracyExtract`), as long as both count the same kind of
 * period; a plan of another kind finds nothing in it, as extracting would.
 */
export interface AccuracyExtract {
  periodKind: PeriodKind
  /** The version's own first period. */
  firstPeriod: string
  snapshot: Omit<AccuracySnapshot, 'id' | 'kind' | 'publishedAt'>
}

/** The extract of a version's document, published at `publishedAt`. */
export function accuracyExtractOf(version: PlanDoc, publishedAt: string): AccuracyExtract {
  const { periodKind, firstPeriod } = version.readMeta()
  const { publishedPeriod, maxLag, skus, demand, baseline, supply, reasons } =
    extractAccuracySnapshot(version, {
      id: '',
      kind: 'consensus',
      publishedAt,
      periodKind,
      firstPeriod,
      maxLag: MAX_ACCURACY_LAG,
    })
  return {
    periodKind,
    firstPeriod,
    snapshot: { publishedPeriod, maxLag, skus, demand, baseline, supply, reasons },
  }
}

/**
 * The extract as the snapshot `extractAccuracySnapshot` gives for this placement: the same
 * values, with the published period counted on the plan's calendar.
 */
export function placeAccuracyExtract(
  extract: AccuracyExtract,
  placement: SnapshotPlacement,
): AccuracySnapshot {
  const { periodKind, firstPeriod, maxLag } = placement
  const publishedPeriod = periodAt(periodKind, firstPeriod, new Date(placement.publishedAt))
  const own = extract.snapshot
  const same = extract.periodKind === periodKind
  const size = own.skus.length * maxLag
  const pick = (values: Float64Array) => {
    if (same && maxLag === own.maxLag) return values
    const placed = new Float64Array(size).fill(Number.NaN)
    if (!same) return placed
    for (let row = 0; row < own.skus.length; row++)
      for (let offset = 0; offset < Math.min(maxLag, own.maxLag); offset++)
        placed[row * maxLag + offset] = values[row * own.maxLag + offset]!
    return placed
  }
  return {
    id: placement.id,
    kind: placement.kind,
    publishedPeriod,
    publishedAt: placement.publishedAt,
    maxLag,
    skus: own.skus,
    demand: pick(own.demand),
    baseline: pick(own.baseline),
    supply: pick(own.supply),
    reasons: same ? own.reasons.filter((r) => r.offset < maxLag) : [],
  }
}
