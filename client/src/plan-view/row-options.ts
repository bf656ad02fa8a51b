import type { GapKind } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import type { SkuMeasure } from './board-row.js'
import { DEFAULT_SKU_MEASURES, SKU_MEASURES } from './board-row.js'

/** Which rows the board shows; kept per browser. */
export interface RowOptions {
  measures: SkuMeasure[]
  gapsOnly: boolean
  /** Only SKUs (and resources) with a gap of this kind, from a gap badge. */
  gapKind?: GapKind
}

const STORAGE_KEY = 'tandem:rows'

export function loadRowOptions(): RowOptions {
  try {
    const stored = JSON.parse(
      localStorage.getItem(STORAGE_KEY) ?? 'null',
    ) as Partial<RowOptions> | null
    const measures = (stored?.measures ?? []).filter((m): m is SkuMeasure =>
      (SKU_MEASURES as readonly string[]).includes(m),
    )
    const gapKind = GAP_KINDS.find((kind) => kind === stored?.gapKind)
    return {
      measures: measures.length > 0 ? measures : [...DEFAULT_SKU_MEASURES],
      gapsOnly: stored?.gapsOnly === true,
      ...(gapKind ? { gapKind } : {}),
    }
  } catch {
    return { measures: [...DEFAULT_SKU_MEASURES], gapsOnly: false }
  }
}

export function saveRowOptions(options: RowOptions): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(options))
}
