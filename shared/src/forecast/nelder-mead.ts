export interface NelderMeadOptions {
  maxEvaluations?: number
  /** Stop when the simplex's values differ by less than this (relative). */
  tolerance?: number
}

/**
 * The point in the box [lower, upper] minimising `f`, by the Nelder–Mead simplex over an
 * unbounded variable u mapped into the box by x = lower + (upper − lower)·(1 + sin u)/2. The map
 * reaches the bounds exactly and cannot flatten the simplex against them, as clamping would.
 * Deterministic: the start simplex steps 0.5 in u from `start`.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  lower: number[],
  upper: number[],
  options: NelderMeadOptions = {},
): number[] {
  const maxEvaluations = options.maxEvaluations ?? 200 * start.length
  const tolerance = options.tolerance ?? 1e-4
  const dim = start.length
  const toBox = (u: number[]) =>
    u.map((v, i) => lower[i] + ((upper[i] - lower[i]) * (1 + Math.sin(v))) / 2)
  const fromBox = (x: number[]) =>
    x.map((v, i) => {
      const share = upper[i] > lower[i] ? (v - lower[i]) / (upper[i] - lower[i]) : 0.5
      return Math.asin(Math.min(1, Math.max(-1, 2 * share - 1)))
    })
  let evaluations = 0
  const point = (u: number[]) => {
    evaluations++
    const fx = f(toBox(u))
    return { u, fx: Number.isFinite(fx) ? fx : Number.MAX_VALUE }
  }
  const first = fromBox(start)
  const simplex = [point(first)]
  for (let i = 0; i < dim; i++) simplex.push(point(first.map((v, j) => (j === i ? v + 0.5 : v))))
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.fx - b.fx)
    const best = simplex[0]
    const worst = simplex[dim]
    if (Math.abs(worst.fx - best.fx) <= tolerance * (Math.abs(best.fx) + 1e-12)) break
    const centroid = new Array<number>(dim).fill(0)
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j] += simplex[i].u[j] / dim
    const toward = (t: number) => point(centroid.map((c, j) => c + t * (worst.u[j] - c)))
    const reflected = toward(-1)
    if (reflected.fx < best.fx) {
      const expanded = toward(-2)
      simplex[dim] = expanded.fx < reflected.fx ? expanded : reflected
    } else if (reflected.fx < simplex[dim - 1].fx) {
      simplex[dim] = reflected
    } else {
      const contracted = reflected.fx < worst.fx ? toward(-0.5) : toward(0.5)
      if (contracted.fx < Math.min(reflected.fx, worst.fx)) {
        simplex[dim] = contracted
      } else {
        for (let i = 1; i <= dim; i++)
          simplex[i] = point(simplex[i].u.map((v, j) => best.u[j] + 0.5 * (v - best.u[j])))
      }
    }
  }
  simplex.sort((a, b) => a.fx - b.fx)
  return toBox(simplex[0].u)
}
