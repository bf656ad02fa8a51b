import { describe, expect, it } from 'vitest'
import { RedisKeys } from './redis-keys.js'

/** The part of a key Redis Cluster hashes: the first `{…}` with something inside. */
function hashTag(key: string): string {
  const open = key.indexOf('{')
  const close = key.indexOf('}', open + 1)
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key
}

describe('RedisKeys', () => {
  const keys = new RedisKeys('tandem')

  it('gives every key of a plan, its versions and its channels the tag plan:<id>', () => {
    const planKeys = [
      ...Object.values(keys.plan('accounts')),
      keys.version('accounts', 'v-1'),
      keys.channel('accounts', 'appended'),
      keys.channel('accounts', 'awareness'),
    ]
    expect(new Set(planKeys.map(hashTag))).toEqual(new Set(['plan:accounts']))
    expect(new Set(planKeys).size).toBe(planKeys.length)
  })

  it('gives the account keys one tag and the plan index another, apart from any plan', () => {
    const accounts = keys.accounts
    const accountKeys = [accounts.users, accounts.user('u1'), accounts.email('a@b.c')]
    accountKeys.push(accounts.settings)
    expect(new Set(accountKeys.map(hashTag))).toEqual(new Set(['accounts']))
    expect(hashTag(keys.planIndex)).toBe('plans')
    for (const planId of ['accounts', 'plans'])
      expect(hashTag(keys.plan(planId).meta)).not.toBe(hashTag(keys.planIndex))
  })

  it('maps each key of the untagged layout to its current name', () => {
    expect(keys.legacyPlan('p1', ['v-1'])).toEqual([
      { from: 'tandem:{p1}:meta', to: 'tandem:{plan:p1}:meta' },
      { from: 'tandem:{p1}:snap', to: 'tandem:{plan:p1}:snap' },
      { from: 'tandem:{p1}:log', to: 'tandem:{plan:p1}:log' },
      { from: 'tandem:{p1}:roles', to: 'tandem:{plan:p1}:roles' },
      { from: 'tandem:{p1}:hist', to: 'tandem:{plan:p1}:hist' },
      { from: 'tandem:{p1}:versions', to: 'tandem:{plan:p1}:versions' },
      { from: 'tandem:{p1}:reads', to: 'tandem:{plan:p1}:reads' },
      { from: 'tandem:{p1}:versions:v-1', to: 'tandem:{plan:p1}:versions:v-1' },
    ])
    expect(keys.legacyPlanIndex).toBe('tandem:plans')
    expect(keys.legacyAccounts.settings).toBe('tandem:settings')
  })
})
