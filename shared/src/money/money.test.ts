import { describe, expect, it } from 'vitest'
import { daysOfSupply } from './days-of-supply.js'
import { moneyBy, skuMoney, type PricedSku } from './sku-money.js'

describe('daysOfSupply', () => {
  it('divides stock by the average daily demand ahead', () => {
    // weeks: demand ahead of W0 is 70, 70, 70 → 10/day → 140 units last 14 days
    expect(daysOfSupply([140, 70, 0], [70, 70, 70, 70], 7)[0]).toBe(14)
  })
  it('has no figure without demand ahead, and 0 days in a shortage', () => {
    const days = daysOfSupply([-5, 10], [10, 10], 7, 3)
    expect(days[0]).toBe(0)
    expect(days[1]).toBeNull()
  })
})

describe('skuMoney', () => {
  const sku: PricedSku = {
    sku: 'A',
    family: 'F',
    site: 'S1',
    price: 10,
    unitCost: 4,
    openingStock: 20,
    demand: [30, 30, 30],
    supply: [0, 20, 60],
  }
  it('values revenue, end stock and the deepest shortage', () => {
    // PI: −10, −20, 10
    expect(skuMoney(sku)).toEqual({
      revenuePlanned: 900,
      inventoryValue: 40,
      revenueAtRisk: 200,
      unitsShort: 20,
    })
  })
  it('groups by family and site', () => {
    const other = { ...sku, sku: 'B', site: 'S2', supply: [10, 30, 30] } // PI 0, 0, 0
    const bySite = moneyBy([sku, other], 'site')
    expect(bySite.map((g) => [g.key, g.money.revenueAtRisk])).toEqual([
      ['S1', 200],
      ['S2', 0],
    ])
    expect(moneyBy([sku, other], 'family')).toEqual([
      {
        key: 'F',
        skus: 2,
        money: { revenuePlanned: 1800, inventoryValue: 40, revenueAtRisk: 200, unitsShort: 20 },
      },
    ])
  })
})
