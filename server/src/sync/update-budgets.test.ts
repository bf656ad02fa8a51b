import { describe, expect, it } from 'vitest'
import { UpdateBudgets } from './update-budgets.js'

// Refills of one unit a second: the few milliseconds a test takes do not change what it sees.
const SLOW = {
  bytesPerSecond: 1,
  bytesBurst: 1000,
  cellsPerSecond: 1,
  cellsBurst: 100,
  backlogBytes: 10_000,
}

describe('update budgets, per user across their sockets', () => {
  it('lets an update through while out of debt, charges it after, and makes the next wait', () => {
    const budgets = new UpdateBudgets(SLOW)
    const socket = budgets.acquire('ana')
    expect(socket.waitMs(10)).toBe(0)
    // A paste larger than the burst still goes through: it is charged after it is handled.
    socket.charge(10, 150)
    expect(socket.waitMs(10)).toBeGreaterThan(40_000)
  })

  it('shares one budget between the sockets of one user, not between users', () => {
    const budgets = new UpdateBudgets(SLOW)
    const first = budgets.acquire('ana')
    const second = budgets.acquire('ana')
    const other = budgets.acquire('ben')
    first.charge(10, 101)
    expect(second.waitMs(10)).toBeGreaterThan(0)
    expect(other.waitMs(10)).toBe(0)
  })

  it('keeps a spent budget after its sockets close, so reconnecting resets nothing', () => {
    const budgets = new UpdateBudgets(SLOW)
    const socket = budgets.acquire('ana')
    socket.charge(2000, 0)
    socket.release()
    expect(budgets.acquire('ana').waitMs(10)).toBeGreaterThan(0)
    // A user whose budget is full again is forgotten once their last socket is gone.
    const fresh = budgets.acquire('ben')
    fresh.release()
    budgets.acquire('carl')
    expect(budgets.size).toBe(2)
  })

  it('limits nothing when a rate is 0', () => {
    const budgets = new UpdateBudgets({ ...SLOW, bytesPerSecond: 0, cellsPerSecond: 0 })
    const socket = budgets.acquire('ana')
    socket.charge(1_000_000, 1_000_000)
    expect(socket.waitMs(1_000_000)).toBe(0)
  })

  it('charges an update that writes no cell one cell, so a flood of empty updates waits too', () => {
    const budgets = new UpdateBudgets({ ...SLOW, cellsBurst: 3 })
    const socket = budgets.acquire('ana')
    for (let i = 0; i < 3; i++) {
      expect(socket.waitMs(3)).toBe(0)
      socket.charge(3, 0)
    }
    socket.charge(3, 0)
    expect(socket.waitMs(3)).toBeGreaterThan(500)
  })
})
