import { describe, expect, it } from 'vitest'
import type { GapFlag } from '@tandem/shared'
import { ownerChoices } from './owner-choices.js'

const flag = (id: string, owner: string, status: GapFlag['status'] = 'open') =>
  ({ id, owner, status }) as GapFlag

describe('ownerChoices', () => {
  it('lists every member by role and name, with open flags counted, then other flag owners', () => {
    const members = [
      { id: 'u-prod', name: 'Zhou', role: 'production' as const },
      { id: 'u-sales', name: 'Wang', role: 'sales' as const },
      { id: 'u-plan', name: 'Li', role: 'planner' as const },
      { id: 'u-sales2', name: 'Anna', role: 'sales' as const },
    ]
    const flags = [flag('f1', 'u-prod'), flag('f2', 'u-prod'), flag('f3', 'u-sales', 'resolved')]
    flags.push(flag('f4', 'u-gone'))
    expect(ownerChoices(flags, members, 'u-old')).toEqual([
      { id: 'u-plan', role: 'planner', openFlags: 0 },
      { id: 'u-sales2', role: 'sales', openFlags: 0 },
      { id: 'u-sales', role: 'sales', openFlags: 0 },
      { id: 'u-prod', role: 'production', openFlags: 2 },
      { id: 'u-gone', role: undefined, openFlags: 1 },
      { id: 'u-old', role: undefined, openFlags: 0 },
    ])
  })
})
