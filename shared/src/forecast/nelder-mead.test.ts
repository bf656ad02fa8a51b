import { describe, expect, it } from 'vitest'
import { goldenSection } from './golden-section.js'
import { nelderMead } from './nelder-mead.js'

describe('bounded optimisers', () => {
  it('Nelder–Mead finds an inner minimum and one held at the bound', () => {
    const [x, y] = nelderMead(
      ([a, b]) => (a - 0.3) ** 2 + (b - 2) ** 2,
      [0.5, 0.5],
      [0, 0],
      [1, 1],
      { tolerance: 1e-12, maxEvaluations: 2000 },
    )
    expect(x).toBeCloseTo(0.3, 4)
    expect(y).toBeCloseTo(1, 12)
  })

  it('golden section finds a minimum inside the interval and at an end', () => {
    expect(goldenSection((a) => (a - 0.42) ** 2, 0, 1, 1e-8)).toBeCloseTo(0.42, 6)
    expect(goldenSection((a) => a, 0.1, 0.9)).toBe(0.1)
  })
})
