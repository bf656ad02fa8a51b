import { describe, expect, it } from 'vitest'
import { evaluateChecklist, type ChecklistFacts } from './cycle-checklist.js'
import { demandLocked, maySignOff, nextStage } from './cycle-stage.js'

describe('cycle stages', () => {
  it('runs the five stages in order and ends after the executive S&OP', () => {
    expect(nextStage('dataGathering')).toBe('demandReview')
    expect(nextStage('preSop')).toBe('executiveSop')
    expect(nextStage('executiveSop')).toBeNull()
  })

  it('lets the owner or a planner sign off, and no one else', () => {
    expect(maySignOff('sales', 'demandReview')).toBe(true)
    expect(maySignOff('planner', 'demandReview')).toBe(true)
    expect(maySignOff('production', 'demandReview')).toBe(false)
    expect(maySignOff('sales', 'supplyReview')).toBe(false)
    expect(maySignOff('viewer', 'executiveSop')).toBe(false)
  })

  it('locks demand after the demand review is signed off', () => {
    expect(demandLocked('dataGathering')).toBe(false)
    expect(demandLocked('demandReview')).toBe(false)
    expect(demandLocked('supplyReview')).toBe(true)
    expect(demandLocked('executiveSop')).toBe(true)
  })
})

describe('evaluateChecklist', () => {
  const facts: ChecklistFacts = {
    lastClosedPeriod: 2,
    periodsWithActuals: new Set([0, 1, 2]),
    actualsLoadedAt: '2026-11-30T08:00:00Z',
    forecastRunAt: '2026-11-30T09:00:00Z',
    shortages: [{ sku: 'A', firstPeriod: 4 }],
    ownedFlags: [{ key: 'A', firstPeriod: 4 }],
    overCapacity: [{ resource: 'line-1', period: 5 }],
    explained: [{ resource: 'line-1', period: 5 }],
  }

  it('passes when every check holds', () => {
    expect(evaluateChecklist(facts).every((check) => check.passed)).toBe(true)
  })

  it('names what is missing for each check', () => {
    const results = evaluateChecklist({
      ...facts,
      periodsWithActuals: new Set([0, 1]),
      forecastRunAt: '2026-11-29T09:00:00Z',
      shortages: [...facts.shortages, { sku: 'B', firstPeriod: 3 }],
      overCapacity: [...facts.overCapacity, { resource: 'line-2', period: 6 }],
    })
    expect(results).toEqual([
      { check: 'actualsLoaded', passed: false, missing: ['2'] },
      { check: 'forecastCurrent', passed: false, missing: [] },
      { check: 'shortagesFlagged', passed: false, missing: ['B@3'] },
      { check: 'overCapacityExplained', passed: false, missing: ['line-2@6'] },
    ])
  })

  it('needs no actuals before any period has closed', () => {
    const results = evaluateChecklist({
      ...facts,
      lastClosedPeriod: null,
      periodsWithActuals: new Set(),
    })
    expect(results[0]).toEqual({ check: 'actualsLoaded', passed: true, missing: [] })
  })
})
