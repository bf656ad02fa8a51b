/** Symmetric MAPE in percent, as the M3 competition scored it: mean of 200·|A − F| / (|A| + |F|). */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]) + Math.abs(forecast[i])
    sum += denominator > 0 ? (200 * Math.abs(actual[i] - forecast[i])) / denominator : 0
  }
  return sum / actual.length
}
