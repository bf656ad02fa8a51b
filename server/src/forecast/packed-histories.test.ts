import { describe, expect, it } from 'vitest'
import { historyCount, packHistories, unpackHistory } from './packed-histories.js'

describe('packed histories', () => {
  it('round-trips histories of any length, nulls and zeros included', () => {
    const histories = [[1, null, 3], [], [null], [0, -0, 2.5, null]]
    const packed = packHistories(histories)
    expect(historyCount(packed)).toBe(4)
    expect([...packed.offsets]).toEqual([0, 3, 3, 4, 8])
    expect(histories.map((_, i) => unpackHistory(packed, i))).toEqual(histories)
  })

  it('packs nothing into empty arrays', () => {
    const packed = packHistories([])
    expect(historyCount(packed)).toBe(0)
    expect(packed.values.length).toBe(0)
  })
})
