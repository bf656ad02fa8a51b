import { describe, expect, it } from 'vitest'
import { seasonalIndices } from './seasonal-indices.js'

/** A deterministic generator (mulberry32), so the noise is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('seasonalIndices: trimming and shrinkage', () => {
  const figure = [0.8, 1.2, 1.1, 0.9]

  it('ignores one extreme value of a position once it has three or more', () => {
    const values = Array.from({ length: 6 * 4 }, (_, t) => 100 * figure[t % 4])
    const spiked = [...values]
    spiked[9] = 500 // position 1 in its third season: a promotion, say
    seasonalIndices(values, 4).forEach((s, k) => expect(s).toBeCloseTo(figure[k], 10))
    // Averaged in, the spike's ratio (about 4) would lift position 1 from 1.2 to about 1.8; the
    // spike also leans on its neighbours' moving averages, so the others move a little.
    seasonalIndices(spiked, 4).forEach((s, k) => expect(Math.abs(s - figure[k])).toBeLessThan(0.1))
  })

  it('leaves a clear season nearly untouched', () => {
    const next = random(7)
    const values = Array.from({ length: 5 * 4 }, (_, t) => 100 * figure[t % 4] + next() - 0.5)
    const shrunk = seasonalIndices(values, 4, 'multiplicative', { shrink: true })
    const kept = seasonalIndices(values, 4)
    shrunk.forEach((s, k) => expect(s).toBeCloseTo(kept[k], 2))
    expect(shrunk[1]).toBeGreaterThan(1.15)
  })

  it('flattens a figure that is noise alone toward 1', () => {
    const next = random(11)
    const values = Array.from({ length: 4 * 12 }, () => 100 + 20 * (next() - 0.5))
    const kept = seasonalIndices(values, 12)
    const shrunk = seasonalIndices(values, 12, 'multiplicative', { shrink: true })
    const spread = (f: number[]) => f.reduce((sum, s) => sum + (s - 1) ** 2, 0)
    expect(spread(kept)).toBeGreaterThan(0)
    expect(spread(shrunk)).toBeLessThan(0.25 * spread(kept))
    expect(shrunk.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 10)
  })
})
