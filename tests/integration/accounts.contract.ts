import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Accounts } from '../../server/src/store/accounts.js'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import type { UserPatch, UserRecord } from '../../server/src/store/user-record.js'
import { UserExistsError } from '../../server/src/store/user-record.js'
import type { StoresUnderTest } from './store-fixtures.js'
import { bytes, planRecord, userRecord } from './store-fixtures.js'

/** The accounts contract (Accounts), run once per backend. */
export function describeAccountsContract(name: string, open: () => Promise<StoresUnderTest>): void {
  describe(`${name} (Accounts contract)`, () => {
    let subject: StoresUnderTest
    let log: PlanLog
    let accounts: Accounts

    beforeEach(async () => {
      subject = await open()
      log = subject.stores.log
      accounts = subject.stores.accounts
    })
    afterEach(() => subject.cleanup())

    it('creates, finds, lists and updates users, refusing a taken email', async () => {
      const ann = userRecord('ann@example.com')
      const bob = userRecord('bob@example.com', {
        createdAt: '2026-11-28T08:00:00.000Z',
        isAdmin: true,
        defaultRole: null,
      })
      await accounts.createUser(ann)
      await accounts.createUser(bob)
      await expect(accounts.createUser({ ...ann, id: 'other-id' })).rejects.toBeInstanceOf(
        UserExistsError,
      )
      expect(await accounts.getUser(ann.id)).toEqual(ann)
      expect(await accounts.getUserByEmail('bob@example.com')).toEqual(bob)
      expect(await accounts.getUserByEmail('nobody@example.com')).toBeUndefined()
      expect(await accounts.listUsers()).toEqual([ann, bob])
      const updated = await accounts.updateUser(ann.id, {
        disabled: true,
        defaultRole: 'viewer',
        name: 'Ann B.',
      })
      expect(updated).toEqual({ ...ann, disabled: true, defaultRole: 'viewer', name: 'Ann B.' })
      expect(await accounts.getUser(ann.id)).toEqual(updated)
      expect(await accounts.updateUser('no-such-user', { disabled: true })).toBeUndefined()
    })

    it('keeps roles per plan and drops them with the plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      await log.createPlan(planRecord('plan-b'), bytes(0))
      const ann = userRecord('ann@example.com')
      await accounts.createUser(ann)
      await accounts.setPlanRole('plan-a', ann.id, 'production')
      expect(await accounts.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'production' })
      expect(await accounts.getPlanRoles('plan-b')).toEqual({})
      await accounts.setPlanRole('plan-a', ann.id, 'viewer')
      expect(await accounts.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'viewer' })
      await accounts.setPlanRole('plan-a', ann.id, null)
      expect(await accounts.getPlanRoles('plan-a')).toEqual({})
      await accounts.setPlanRole('plan-b', ann.id, 'sales')
      await log.deletePlan('plan-b')
      await log.createPlan(planRecord('plan-b'), bytes(0))
      expect(await accounts.getPlanRoles('plan-b')).toEqual({})
    })

    it('keeps site scopes per plan and user, lifts them, and drops them with the plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      await log.createPlan(planRecord('plan-b'), bytes(0))
      const ann = userRecord('ann@example.com')
      const bob = userRecord('bob@example.com')
      await accounts.createUser(ann)
      await accounts.createUser(bob)
      expect(await accounts.getPlanSiteScopes('plan-a')).toEqual({})
      await accounts.setPlanSiteScope('plan-a', ann.id, ['HAM'])
      await accounts.setPlanSiteScope('plan-a', bob.id, [])
      await accounts.setPlanSiteScope('plan-b', ann.id, ['SH', 'SZ'])
      expect(await accounts.getPlanSiteScopes('plan-a')).toEqual({
        [ann.id]: ['HAM'],
        [bob.id]: [],
      })
      expect(await (await subject.reopen()).accounts.getPlanSiteScopes('plan-b')).toEqual({
        [ann.id]: ['SH', 'SZ'],
      })
      await accounts.setPlanSiteScope('plan-a', ann.id, ['SH'])
      await accounts.setPlanSiteScope('plan-a', bob.id, null)
      expect(await accounts.getPlanSiteScopes('plan-a')).toEqual({ [ann.id]: ['SH'] })
      await log.deletePlan('plan-b')
      await log.createPlan(planRecord('plan-b'), bytes(0))
      expect(await accounts.getPlanSiteScopes('plan-b')).toEqual({})
      expect(await accounts.getPlanRoles('plan-a')).toEqual({})
    })

    it('keeps an explicit deny in a plan apart from no assignment, and lifts it', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const ann = userRecord('ann@example.com')
      const bob = userRecord('bob@example.com')
      await accounts.createUser(ann)
      await accounts.createUser(bob)
      await accounts.setPlanRole('plan-a', ann.id, 'planner')
      await accounts.setPlanRole('plan-a', ann.id, 'none')
      await accounts.setPlanRole('plan-a', bob.id, 'none')
      expect(await accounts.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'none', [bob.id]: 'none' })
      expect(await (await subject.reopen()).accounts.getPlanRoles('plan-a')).toEqual({
        [ann.id]: 'none',
        [bob.id]: 'none',
      })
      await accounts.setPlanRole('plan-a', ann.id, 'sales')
      await accounts.setPlanRole('plan-a', bob.id, null)
      expect(await accounts.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'sales' })
    })

    it('bumps session versions atomically: 20 bumps on two instances give 20', async () => {
      const other = (await subject.reopen()).accounts
      const ann = userRecord('ann@example.com')
      await accounts.createUser(ann)
      expect((await accounts.getUser(ann.id))?.sessionVersion).toBe(0)
      const versions = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : accounts).bumpSessionVersion(ann.id)),
      )
      expect([...versions].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
      await accounts.updateUser(ann.id, { name: 'Ann B.' })
      expect(await other.getUser(ann.id)).toEqual({ ...ann, name: 'Ann B.', sessionVersion: 20 })
      expect(await accounts.bumpSessionVersion('no-such-user')).toBeUndefined()
      expect(await accounts.getUser('no-such-user')).toBeUndefined()
      expect(await accounts.listUsers()).toEqual([{ ...ann, name: 'Ann B.', sessionVersion: 20 }])
    })

    it('keeps the first value of a setting', async () => {
      expect(await accounts.ensureSetting('jwtSecret', 'first')).toBe('first')
      expect(await accounts.ensureSetting('jwtSecret', 'second')).toBe('first')
      const other = (await subject.reopen()).accounts
      expect(await other.ensureSetting('jwtSecret', 'third')).toBe('first')
    })

    it('loses no field when 20 patches of different fields run at once on two instances', async () => {
      const other = (await subject.reopen()).accounts
      const users = ['a', 'b', 'c', 'd'].map((name) => userRecord(`${name}@example.com`))
      for (const user of users) await accounts.createUser(user)
      const patches = (user: UserRecord): UserPatch[] => [
        { name: `Renamed ${user.email}` },
        { passwordHash: `scrypt$new$${user.id}` },
        { isAdmin: true },
        { defaultRole: 'production' },
        { disabled: true },
      ]
      await Promise.all(
        users.flatMap((user) =>
          patches(user).map((patch, i) => (i % 2 ? other : accounts).updateUser(user.id, patch)),
        ),
      )
      for (const user of users) {
        const merged = Object.assign({ ...user }, ...patches(user)) as UserRecord
        expect(await accounts.getUser(user.id)).toEqual(merged)
        expect(await other.getUserByEmail(user.email)).toEqual(merged)
      }
    })

    it('keeps no half user and frees the email when creating a user fails midway', async () => {
      const ann = userRecord('ann@example.com')
      const repair = await subject.breakUserCreation()
      await expect(accounts.createUser(ann)).rejects.toThrow()
      expect(await accounts.getUser(ann.id)).toBeUndefined()
      expect(await accounts.getUserByEmail(ann.email)).toBeUndefined()
      await repair()
      expect(await accounts.listUsers()).toEqual([])
      await accounts.createUser(ann)
      expect(await accounts.getUserByEmail(ann.email)).toEqual(ann)
      expect(await accounts.listUsers()).toEqual([ann])
    })
  })
}
