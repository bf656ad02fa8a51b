import type { SkuMeasure } from './board-row.js'
import { SKU_MEASURES } from './board-row.js'

/** Which rows the board shows; kept per browser. */
export interface RowOptions {
  measures: SkuMeasure[]
  gapsOnly: boolean
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
    return {
      measures: measures.length > 0 ? measures : [...SKU_MEASURES],
      gapsOnly: stored?.gapsOnly === true,
    }
  } catch {
    return { measures: [...SKU_MEASURES], gapsOnly: false }
  }
}

export function saveRowOptions(options: RowOptions): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(options))
}
