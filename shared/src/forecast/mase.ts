/**
 * The in-sample mean absolute error of the seasonal naive forecast (lag m, or lag 1 when the
 * history is not longer than a season): the scale of MASE.
 */
export function maseScale(insample: readonly number[], m: number): number {
  const lag = m > 1 && insample.length > m ? m : 1
  let sum = 0
  for (let t = lag; t < insample.length; t++) sum += Math.abs(insample[t] - insample[t - lag])
  return insample.length > lag ? sum / (insample.length - lag) : 0
}

/**
 * Mean absolute scaled error: the forecast's MAE over the in-sample seasonal naive MAE. A flat
 * history (scale 0) is scaled by its mean absolute level instead, or 1 if that is 0 too.
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  insample: readonly number[],
  m: number,
): number {
  let mae = 0
  for (let i = 0; i < actual.length; i++) mae += Math.abs(actual[i] - forecast[i])
  mae /= actual.length
  let scale = maseScale(insample, m)
  if (!(scale > 0)) scale = insample.reduce((a, b) => a + Math.abs(b), 0) / insample.length || 1
  return mae / scale
}
