import { describe, expect, it } from 'vitest'
import { parsePeriodLabel } from './period-label.js'

describe('period labels', () => {
  it('reads ISO weeks and months as periodKey writes them', () => {
    expect(parsePeriodLabel('2026-W49')).toEqual({
      kind: 'week',
      start: '2026-11-30',
      key: '2026-W49',
    })
    expect(parsePeriodLabel(' 2027-w01 ')).toEqual({
      kind: 'week',
      start: '2027-01-04',
      key: '2027-W01',
    })
    expect(parsePeriodLabel('2026-W53')).toEqual({
      kind: 'week',
      start: '2026-12-28',
      key: '2026-W53',
    })
    expect(parsePeriodLabel('2026-12')).toEqual({
      kind: 'month',
      start: '2026-12-01',
      key: '2026-12',
    })
    expect(parsePeriodLabel('2026-12-01')?.key).toBe('2026-12')
  })

  it('refuses what is not a period', () => {
    for (const text of ['2025-W53', '2026-W00', '2026-13', '2026-12-02', 'W49', 'Dec 2026']) {
      expect(parsePeriodLabel(text)).toBeUndefined()
    }
  })
})
