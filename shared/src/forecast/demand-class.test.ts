import { describe, expect, it } from 'vitest'
import { demandClassOf } from './demand-class.js'

describe('demandClassOf', () => {
  it('sorts histories by ADI 1.32 and CV² 0.49', () => {
    expect(demandClassOf([10, 11, 9, 10, 12, 10])).toBe('smooth')
    expect(demandClassOf([1, 30, 2, 50, 1, 40])).toBe('erratic')
    expect(demandClassOf([0, 10, 0, 0, 11, 0, 9, 0])).toBe('intermittent')
    expect(demandClassOf([0, 1, 0, 0, 40, 0, 2, 0])).toBe('lumpy')
    expect(demandClassOf([0, 0, 0])).toBe('none')
    expect(demandClassOf([])).toBe('none')
  })
})
