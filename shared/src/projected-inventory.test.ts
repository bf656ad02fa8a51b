import { describe, expect, it } from 'vitest'
import { projectedInventory } from './projected-inventory.js'

describe('projectedInventory', () => {
  it('carries stock forward: PI[t] = PI[t-1] + supply − demand', () => {
    expect(projectedInventory(100, [10, 0, 50], [30, 40, 20])).toEqual([80, 40, 70])
  })

  it('keeps negative inventory (a shortage) and keeps accumulating it', () => {
    expect(projectedInventory(10, [0, 0, 30], [15, 5, 0])).toEqual([-5, -10, 20])
  })

  it('with zero demand everywhere, stock only grows by supply', () => {
    expect(projectedInventory(7, [1, 2, 3], [0, 0, 0])).toEqual([8, 10, 13])
  })
})
