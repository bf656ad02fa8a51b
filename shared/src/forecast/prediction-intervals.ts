/** Interval bounds around a forecast. */
export interface PredictionIntervals {
  lower80: number[]
  upper80: number[]
  lower95: number[]
  upper95: number[]
}

const Z80 = 1.2816
const Z95 = 1.96

/**
 * Normal intervals whose width grows with the square root of the step, the scale fitted to the
 * hold-out errors (errors at step h count as h steps of variance), clipped at zero.
 */
export function predictionIntervals(
  values: readonly number[],
  holdoutErrors: readonly (readonly number[])[],
): PredictionIntervals {
  let sum = 0
  let count = 0
  for (const errors of holdoutErrors)
    errors.forEach((e, i) => {
      sum += (e * e) / (i + 1)
      count++
    })
  const scale = count > 0 ? Math.sqrt(sum / count) : 0
  const band = (z: number, sign: number) =>
    values.map((v, i) => Math.max(0, v + sign * z * scale * Math.sqrt(i + 1)))
  return {
    lower80: band(Z80, -1),
    upper80: band(Z80, 1),
    lower95: band(Z95, -1),
    upper95: band(Z95, 1),
  }
}
