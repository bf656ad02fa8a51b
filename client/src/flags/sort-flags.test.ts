import type { GapFlag } from '@tandem/shared'
import { describe, expect, it } from 'vitest'
import { isOverdue } from './is-overdue.js'
import { sortFlags } from './sort-flags.js'

const flag = (id: string, patch: Partial<GapFlag>): GapFlag => ({
  id,
  kind: 'shortage',
  severity: 'medium',
  owner: 'u',
  dueDate: '',
  status: 'open',
  cells: [],
  threadId: '',
  note: '',
  createdBy: 'u',
  createdAt: '2026-01-01T00:00:00Z',
  ...patch,
})

describe('sortFlags', () => {
  it('puts the most severe first, then the earliest due date, then flags without one', () => {
    const flags = [
      flag('low', { severity: 'low', dueDate: '2026-01-01' }),
      flag('medium-none', {}),
      flag('medium-late', { dueDate: '2026-03-01' }),
      flag('high', { severity: 'high' }),
      flag('medium-early', { dueDate: '2026-02-01' }),
    ]
    expect(sortFlags(flags).map((f) => f.id)).toEqual([
      'high',
      'medium-early',
      'medium-late',
      'medium-none',
      'low',
    ])
  })
})

describe('isOverdue', () => {
  it('marks unresolved flags past their due date', () => {
    expect(isOverdue(flag('a', { dueDate: '2026-01-01' }), '2026-01-02')).toBe(true)
    expect(isOverdue(flag('b', { dueDate: '2026-01-02' }), '2026-01-02')).toBe(false)
    expect(isOverdue(flag('c', { dueDate: '' }), '2026-01-02')).toBe(false)
    expect(isOverdue(flag('d', { dueDate: '2026-01-01', status: 'resolved' }), '2026-01-02')).toBe(
      false,
    )
  })
})
