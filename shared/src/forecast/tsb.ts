import { nelderMead } from './nelder-mead.js'

function runTsb(values: readonly number[], alpha: number, beta: number) {
  const first = values.findIndex((v) => v > 0)
  if (first < 0) return { sse: 0, rate: 0 }
  let size = values[first]
  let probability = 1 / (first + 1)
  let sse = 0
  for (let t = first + 1; t < values.length; t++) {
    const e = values[t] - probability * size
    sse += e * e
    const demand = values[t] > 0
    probability += beta * ((demand ? 1 : 0) - probability)
    if (demand) size += alpha * (values[t] - size)
  }
  return { sse, rate: probability * size }
}

/**
 * Teunter–Syntetos–Babai: the demand size is smoothed in periods with demand (alpha), the
 * probability of demand in every period (beta), so a product that stops selling decays toward
 * zero. Both in [0.02, 0.5] by bounded Nelder–Mead on the in-sample one-step SSE.
 */
export function tsb(values: readonly number[], horizon: number): number[] {
  const [alpha, beta] = nelderMead(
    ([a, b]) => runTsb(values, a, b).sse,
    [0.1, 0.1],
    [0.02, 0.02],
    [0.5, 0.5],
  )
  return new Array<number>(horizon).fill(runTsb(values, alpha, beta).rate)
}
