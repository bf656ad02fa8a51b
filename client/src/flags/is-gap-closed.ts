import type { GapFlag, GapKind, PlanModel } from '@tandem/shared'

const MATCHING: Record<GapFlag['kind'], readonly GapKind[]> = {
  shortage: ['shortage', 'belowSafetyStock'],
  excess: ['excess'],
  capacity: ['overCapacity'],
  dataQuestion: [],
}

/** True when none of a gap flag's cells lies in a gap of its kind any more. */
export function isGapClosed(flag: GapFlag, model: PlanModel): boolean {
  const kinds = MATCHING[flag.kind]
  if (kinds.length === 0 || flag.cells.length === 0) return false
  return !flag.cells.some((cell) => {
    const gaps =
      cell.measure === 'capacity' ? model.resource(cell.key)?.gaps : model.sku(cell.key)?.gaps
    return (gaps ?? []).some(
      (gap) =>
        kinds.includes(gap.kind) && cell.period >= gap.firstPeriod && cell.period <= gap.lastPeriod,
    )
  })
}
