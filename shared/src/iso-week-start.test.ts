import { describe, expect, it } from 'vitest'
import { isoWeekStart } from './iso-week-start.js'

describe('isoWeekStart', () => {
  it.each<[number, number, string | undefined]>([
    [2026, 1, '2025-12-29'],
    [2026, 5, '2026-01-26'],
    [2026, 53, '2026-12-28'],
    [2025, 53, undefined],
    [2026, 0, undefined],
  ])('week %i-W%i starts on %s', (year, week, monday) => {
    expect(isoWeekStart(year, week)).toBe(monday)
  })
})
