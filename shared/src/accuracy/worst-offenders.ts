import { accuracyMeasures, type AccuracyMeasures } from './accuracy-measures.js'

export interface SkuSeries {
  sku: string
  actual: readonly (number | null)[]
  forecast: readonly (number | null)[]
}

export interface Offender {
  sku: string
  measures: AccuracyMeasures
}

/**
 * The SKUs with the largest absolute error in units, Σ|A − F|: the percentage error weighted by
 * volume, so a small SKU that is far off ranks below a big SKU that is somewhat off. Ties go to
 * the SKU id, so the table is stable. SKUs with no data are left out.
 */
export function worstOffenders(series: readonly SkuSeries[], limit = 20): Offender[] {
  const offenders: Offender[] = []
  for (const entry of series) {
    const measures = accuracyMeasures(entry.actual, entry.forecast)
    if (measures !== null) offenders.push({ sku: entry.sku, measures })
  }
  offenders.sort(
    (a, b) =>
      b.measures.absoluteError - a.measures.absoluteError ||
      (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
  )
  return offenders.slice(0, limit)
}
