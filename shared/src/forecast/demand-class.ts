import type { DemandClass } from './forecast-result.js'

/** Syntetos–Boylan cut-offs: average demand interval and squared coefficient of variation of sizes. */
export const ADI_CUTOFF = 1.32
export const CV2_CUTOFF = 0.49

/**
 * The demand class of a history: ADI = periods / periods with demand, CV² = variance / mean² of
 * the non-zero demands. `none` when nothing was ever demanded.
 */
export function demandClassOf(values: readonly number[]): DemandClass {
  const demands = values.filter((v) => v > 0)
  if (demands.length === 0) return 'none'
  const adi = values.length / demands.length
  const mean = demands.reduce((a, b) => a + b, 0) / demands.length
  const variance = demands.reduce((a, b) => a + (b - mean) ** 2, 0) / demands.length
  const cv2 = variance / (mean * mean)
  if (adi < ADI_CUTOFF) return cv2 < CV2_CUTOFF ? 'smooth' : 'erratic'
  return cv2 < CV2_CUTOFF ? 'intermittent' : 'lumpy'
}
