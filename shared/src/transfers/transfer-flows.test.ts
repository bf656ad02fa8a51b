import { describe, expect, it } from 'vitest'
import { projectedInventory } from '../projected-inventory.js'
import type { Transfer } from './transfer.js'
import { readTransfer } from './transfer.js'
import { inTransit, transferFlows } from './transfer-flows.js'

const move = (over: Partial<Transfer> = {}): Transfer => ({
  fromSku: 'A-SH',
  toSku: 'A-HAM',
  period: 1,
  leadTime: 2,
  quantity: 30,
  ...over,
})

describe('transferFlows', () => {
  it('ships from the source in its period and arrives at the destination lead time later', () => {
    const transfers = [move(), move({ period: 0, leadTime: 0, quantity: 5 })]
    expect(transferFlows('A-SH', transfers, 5)).toEqual({
      inbound: [0, 0, 0, 0, 0],
      outbound: [5, 30, 0, 0, 0],
    })
    expect(transferFlows('A-HAM', transfers, 5)).toEqual({
      inbound: [5, 0, 0, 30, 0],
      outbound: [0, 0, 0, 0, 0],
    })
    expect(transferFlows('OTHER', transfers, 5)).toEqual({
      inbound: [0, 0, 0, 0, 0],
      outbound: [0, 0, 0, 0, 0],
    })
  })

  it('leaves out an arrival past the horizon: still in transit at its end', () => {
    const transfers = [move({ period: 3, leadTime: 4 })]
    expect(transferFlows('A-HAM', transfers, 5).inbound).toEqual([0, 0, 0, 0, 0])
    expect(transferFlows('A-SH', transfers, 5).outbound).toEqual([0, 0, 0, 30, 0])
    expect(inTransit(transfers, 5)).toEqual([0, 0, 0, 30, 30])
  })
})

describe('inTransit', () => {
  it('holds a quantity from the period it ships until the period before it arrives', () => {
    expect(inTransit([move(), move({ period: 2, leadTime: 1, quantity: 4 })], 5)).toEqual([
      0, 30, 34, 0, 0,
    ])
    expect(inTransit([move({ leadTime: 0 })], 5)).toEqual([0, 0, 0, 0, 0])
  })
})

describe('projected inventory with transfers (worked by hand)', () => {
  // Source: opening 100, demand 10/period, no supply; ships 30 in period 1.
  // PI: 90, 50, 40, 30, 20.   Destination: opening 0, demand 5, arrival 30 in period 3.
  // PI: -5, -10, -15, 10, 5.  In transit: 0, 30, 30, 0, 0.
  // Network: 85, 70, 55, 40, 25 = the two sites without the transfer (85, 70, 55, 40, 25).
  it('moves stock between the sites and leaves the network total unchanged', () => {
    const transfers = [move()]
    const from = transferFlows('A-SH', transfers, 5)
    const to = transferFlows('A-HAM', transfers, 5)
    const source = projectedInventory(
      100,
      [0, 0, 0, 0, 0],
      [10, 10, 10, 10, 10],
      from.inbound,
      from.outbound,
    )
    const destination = projectedInventory(
      0,
      [0, 0, 0, 0, 0],
      [5, 5, 5, 5, 5],
      to.inbound,
      to.outbound,
    )
    expect(source).toEqual([90, 50, 40, 30, 20])
    expect(destination).toEqual([-5, -10, -15, 10, 5])
    const transit = inTransit(transfers, 5)
    const network = source.map((v, t) => v + destination[t] + transit[t])
    expect(network).toEqual([85, 70, 55, 40, 25])
  })
})

describe('readTransfer', () => {
  it('takes only the shape of a transfer', () => {
    expect(readTransfer(move())).toEqual(move())
    expect(readTransfer({ ...move(), extra: 1 })).toBeUndefined()
    expect(readTransfer({ ...move(), period: 1.5 })).toBeUndefined()
    expect(readTransfer({ ...move(), fromSku: 'bad id' })).toBeUndefined()
    expect(readTransfer({ ...move(), quantity: Number.NaN })).toBeUndefined()
    expect(readTransfer([move()])).toBeUndefined()
  })
})
