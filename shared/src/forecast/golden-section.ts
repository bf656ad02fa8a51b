const RATIO = (Math.sqrt(5) - 1) / 2

/** The x in [lower, upper] minimising a unimodal `f`, by golden-section search to within `tolerance`. */
export function goldenSection(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tolerance = 1e-4,
): number {
  let a = lower
  let b = upper
  let c = b - RATIO * (b - a)
  let d = a + RATIO * (b - a)
  let fc = f(c)
  let fd = f(d)
  while (b - a > tolerance) {
    if (fc <= fd) {
      b = d
      d = c
      fd = fc
      c = b - RATIO * (b - a)
      fc = f(c)
    } else {
      a = c
      c = d
      fc = fd
      d = a + RATIO * (b - a)
      fd = f(d)
    }
  }
  const x = (a + b) / 2
  const fx = f(x)
  const ends: [number, number][] = [
    [lower, f(lower)],
    [upper, f(upper)],
  ]
  return ends.reduce((best, [ex, fe]) => (fe < best[1] ? [ex, fe] : best), [x, fx])[0]
}
