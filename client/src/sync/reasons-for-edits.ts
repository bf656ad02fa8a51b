import type { CellEdit, OverrideNote, PlanDoc } from '@tandem/shared'
import { readOverrideReason, readStatisticalForecast } from '@tandem/shared'

/** A demand cell's reason to set (a note) or clear (undefined), written beside its edit. */
export interface ReasonWrite {
  sku: string
  period: number
  note: OverrideNote | undefined
}

/**
 * The override reasons a batch of edits carries: a demand cell that has a baseline and is set
 * to a value other than the baseline gets `note` (when the person picked one); a demand cell
 * set back to its baseline loses the reason it had, since it is no longer an override.
 */
export function reasonsForEdits(
  plan: PlanDoc,
  edits: readonly CellEdit[],
  note: OverrideNote | undefined,
): ReasonWrite[] {
  const writes: ReasonWrite[] = []
  for (const edit of edits) {
    if (edit.measure !== 'demand') continue
    const baseline = readStatisticalForecast(plan, edit.key)?.values[edit.period]
    if (baseline === undefined) continue
    const value = edit.value ?? plan.readCell('demand', edit.key, edit.period)
    const had = readOverrideReason(plan, edit.key, edit.period) !== undefined
    if (value === baseline) {
      if (had) writes.push({ sku: edit.key, period: edit.period, note: undefined })
    } else if (note) {
      writes.push({ sku: edit.key, period: edit.period, note })
    }
  }
  return writes
}
