import type { GapKind, SkuView } from '@tandem/shared'

/** The inventory gap of a SKU in one period, with its size in units, if there is one. */
export function gapAt(
  view: SkuView,
  period: number,
): { kind: GapKind; amount: number } | undefined {
  for (const gap of view.gaps) {
    if (period < gap.firstPeriod || period > gap.lastPeriod) continue
    const pi = view.projected[period]
    const amount =
      gap.kind === 'shortage'
        ? -pi
        : gap.kind === 'belowSafetyStock'
          ? view.item.safetyStock - pi
          : pi - view.item.maxStock
    return { kind: gap.kind, amount }
  }
  return undefined
}
