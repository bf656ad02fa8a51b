import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Scenario } from '@tandem/shared'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import { PlanMissingError } from '../../server/src/store/plan-log.js'
import type { ScenarioStore } from '../../server/src/store/scenario-store.js'
import { ScenarioExistsError } from '../../server/src/store/scenario-store.js'
import type { StoresUnderTest } from './store-fixtures.js'
import { bytes, planRecord } from './store-fixtures.js'

function scenario(id: string, baseId: string, createdAt = '2026-12-01T08:00:00.000Z'): Scenario {
  return {
    id,
    baseId,
    name: `Scenario ${id}`,
    description: 'What if demand is 20 % higher',
    owner: 'user-1',
    createdAt,
    scope: 'all',
    branch: { kind: 'live', stateVector: 'AA==' },
    status: 'active',
  }
}

/** The scenario store contract (ScenarioStore), run once per backend. */
export function describeScenarioStoreContract(
  name: string,
  open: () => Promise<StoresUnderTest>,
): void {
  describe(`${name} (ScenarioStore contract)`, () => {
    let subject: StoresUnderTest
    let log: PlanLog
    let scenarios: ScenarioStore

    beforeEach(async () => {
      subject = await open()
      log = subject.stores.log
      scenarios = subject.stores.scenarios
      await log.createPlan(planRecord('base'), bytes(0))
      await log.createPlan(planRecord('other'), bytes(0))
    })
    afterEach(() => subject.cleanup())

    it('keeps a scenario, its branch snapshot and its link to the base, found by id alone', async () => {
      await scenarios.createScenario(scenario('sc-1', 'base'), bytes(7, 8, 9))
      expect(await scenarios.getScenario('sc-1')).toEqual(scenario('sc-1', 'base'))
      expect(await scenarios.branchSnapshot('sc-1')).toEqual(bytes(7, 8, 9))
      expect(await scenarios.getScenario('sc-2')).toBeUndefined()
      expect(await scenarios.branchSnapshot('sc-2')).toBeUndefined()
      const other = await subject.reopen()
      expect((await other.scenarios.getScenario('sc-1'))?.baseId).toBe('base')
    })

    it('lists a base plan’s scenarios oldest first, and only its own', async () => {
      await scenarios.createScenario(scenario('sc-b', 'base', '2026-12-01T09:00:00.000Z'), bytes(1))
      await scenarios.createScenario(scenario('sc-a', 'base', '2026-12-01T10:00:00.000Z'), bytes(2))
      await scenarios.createScenario(scenario('sc-c', 'other'), bytes(3))
      expect((await scenarios.listScenarios('base')).map((s) => s.id)).toEqual(['sc-b', 'sc-a'])
      expect((await scenarios.listScenarios('other')).map((s) => s.id)).toEqual(['sc-c'])
      expect(await scenarios.listScenarios('nothing')).toEqual([])
    })

    it('refuses a taken id and a missing base, keeping nothing of the refused one', async () => {
      await scenarios.createScenario(scenario('sc-1', 'base'), bytes(1))
      await expect(scenarios.createScenario(scenario('sc-1', 'other'), bytes(2))).rejects.toThrow(
        ScenarioExistsError,
      )
      await expect(scenarios.createScenario(scenario('sc-2', 'missing'), bytes(2))).rejects.toThrow(
        PlanMissingError,
      )
      expect(await scenarios.getScenario('sc-2')).toBeUndefined()
      expect((await scenarios.getScenario('sc-1'))?.baseId).toBe('base')
      expect(await scenarios.branchSnapshot('sc-1')).toEqual(bytes(1))
      await scenarios.createScenario(scenario('sc-2', 'base'), bytes(3))
      expect((await scenarios.getScenario('sc-2'))?.baseId).toBe('base')
    })

    it('closes an active scenario exactly once, however many try at the same time', async () => {
      await scenarios.createScenario(scenario('sc-1', 'base'), bytes(1))
      const other = await subject.reopen()
      const at = '2026-12-02T08:00:00.000Z'
      const attempts = await Promise.all([
        scenarios.closeScenario('sc-1', 'promoted', 'ann', at),
        other.scenarios.closeScenario('sc-1', 'discarded', 'bob', at),
        scenarios.closeScenario('sc-1', 'discarded', 'cid', at),
        other.scenarios.closeScenario('sc-1', 'promoted', 'dan', at),
      ])
      const won = attempts.filter((attempt) => attempt !== undefined)
      expect(won).toHaveLength(1)
      const stored = await scenarios.getScenario('sc-1')
      expect(stored).toEqual(won[0])
      expect(stored).toMatchObject({ closedAt: at })
      expect(['promoted', 'discarded']).toContain(stored?.status)
      expect(await scenarios.closeScenario('sc-1', 'discarded', 'eve', at)).toBeUndefined()
      expect(await scenarios.closeScenario('missing', 'discarded', 'eve', at)).toBeUndefined()
    })

    it('removes every scenario of a base and answers their ids', async () => {
      await scenarios.createScenario(scenario('sc-1', 'base'), bytes(1))
      await scenarios.createScenario(scenario('sc-2', 'base'), bytes(2))
      await scenarios.createScenario(scenario('sc-3', 'other'), bytes(3))
      expect((await scenarios.removeScenariosOf('base')).sort()).toEqual(['sc-1', 'sc-2'])
      expect(await scenarios.listScenarios('base')).toEqual([])
      expect(await scenarios.getScenario('sc-1')).toBeUndefined()
      expect(await scenarios.branchSnapshot('sc-2')).toBeUndefined()
      expect((await scenarios.getScenario('sc-3'))?.baseId).toBe('other')
      expect(await scenarios.removeScenariosOf('base')).toEqual([])
    })
  })
}
