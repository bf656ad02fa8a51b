import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import { PlanMissingError } from '../../server/src/store/plan-log.js'
import type { PlanRecords } from '../../server/src/store/plan-records.js'
import { VersionExistsError } from '../../server/src/store/plan-records.js'
import type { StoresUnderTest } from './store-fixtures.js'
import { bytes, compaction, planRecord } from './store-fixtures.js'

/** The plan records contract (PlanRecords), run once per backend. */
export function describePlanRecordsContract(
  name: string,
  open: () => Promise<StoresUnderTest>,
): void {
  describe(`${name} (PlanRecords contract)`, () => {
    let subject: StoresUnderTest
    let log: PlanLog
    let records: PlanRecords

    beforeEach(async () => {
      subject = await open()
      log = subject.stores.log
      records = subject.stores.records
    })
    afterEach(() => subject.cleanup())

    it('keeps what each author wrote: the value before, the value kept and the source', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const cell = { measure: 'demand' as const, key: 'SKU-1', period: 2 }
      const [sam, paula] = await log.appendUpdates('plan-a', [
        {
          update: bytes(1),
          author: 'sam',
          cells: [{ ...cell, value: 222, previous: 100, shown: 222, source: 'grid' }],
        },
        {
          update: bytes(2),
          author: 'paula',
          cells: [{ ...cell, value: 111, previous: 222, shown: 222, source: 'paste' }],
        },
      ])
      const history = await records.cellHistory('plan-a', cell, 10)
      expect(history.map(({ at: _at, ...entry }) => entry)).toEqual([
        { value: 111, previous: 222, shown: 222, source: 'paste', author: 'paula', seq: paula },
        { value: 222, previous: 100, shown: 222, source: 'grid', author: 'sam', seq: sam },
      ])
    })

    it('knows who last wrote each cell of a measure', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const cell = { measure: 'demand' as const, key: 'SKU-1', period: -3 }
      await log.appendUpdates('plan-a', [
        { update: bytes(1), author: 'sam', cells: [{ ...cell, value: 1 }] },
        {
          update: bytes(2),
          author: 'kim',
          cells: [
            { ...cell, value: 2 },
            { ...cell, period: 4, value: 3 },
            { ...cell, measure: 'supply', value: 4 },
          ],
        },
      ])
      await log.appendUpdates('plan-a', [
        { update: bytes(3), author: 'sam', cells: [{ ...cell, period: 4, value: 5 }] },
      ])
      expect(await records.lastAuthors('plan-a', 'demand')).toEqual({
        'SKU-1@-3': 'kim',
        'SKU-1@4': 'sam',
      })
      expect(await records.lastAuthors('plan-a', 'supply')).toEqual({ 'SKU-1@-3': 'kim' })
      expect(await records.lastAuthors('plan-b', 'demand')).toEqual({})
    })

    it('keeps every value a cell had, newest first, across compaction, and an activity feed', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const cell = { measure: 'demand' as const, key: 'SKU-1', period: 3 }
      const [first] = await log.appendUpdates('plan-a', [
        {
          update: bytes(1),
          author: 'alice',
          cells: [
            { ...cell, value: 10 },
            { ...cell, period: 4, value: 11 },
          ],
        },
      ])
      await log.appendUpdates('plan-a', [{ update: bytes(2), author: 'carol' }])
      const [third] = await log.appendUpdates('plan-a', [
        { update: bytes(3), author: 'bob', cells: [{ ...cell, value: 12.5 }] },
        {
          update: bytes(4),
          author: 'alice',
          cells: [{ measure: 'supply', key: 'SKU-2', period: 0, value: 7 }],
        },
      ])
      await log.compact('plan-a', compaction(bytes(9), third, 0))

      const history = await records.cellHistory('plan-a', cell, 10)
      expect(history.map(({ value, author }) => [value, author])).toEqual([
        [12.5, 'bob'],
        [10, 'alice'],
      ])
      expect(history.map(({ seq }) => seq)).toEqual([third, first])
      expect(await records.cellHistory('plan-a', cell, 1)).toHaveLength(1)
      expect(await records.cellHistory('plan-a', { ...cell, key: 'SKU-9' }, 10)).toEqual([])

      const feed = await records.activity('plan-a', 10)
      expect(
        feed.map(({ author, cells, measures, keys }) => [author, cells, measures, keys]),
      ).toEqual([
        ['alice', 1, ['supply'], ['SKU-2']],
        ['bob', 1, ['demand'], ['SKU-1']],
        ['alice', 2, ['demand'], ['SKU-1']],
      ])
      expect(await records.activity('plan-a', 2)).toHaveLength(2)
    })

    it('keeps cell history and versions across a document epoch change', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const cell = { measure: 'demand' as const, key: 'SKU-1', period: 2 }
      const [before] = await log.appendUpdates(
        'plan-a',
        [
          {
            update: bytes(1),
            author: 'sam',
            cells: [{ ...cell, value: 5, previous: 1, shown: 5 }],
          },
        ],
        { documentEpoch: 0 },
      )
      const version = {
        id: 'v-1',
        planId: 'plan-a',
        name: 'Before the epoch',
        note: '',
        author: 'paula',
        createdAt: '2026-12-01T10:00:00.000Z',
        kind: 'manual' as const,
      }
      await records.createVersion(version, bytes(8, 8))
      const change = await log.changeEpoch('plan-a', {
        snapshot: bytes(9),
        throughSeq: before,
        clientOwners: {},
        basedOnEpoch: 0,
        documentEpoch: 1,
      })
      expect(change.written).toBe(true)
      const [after] = await log.appendUpdates(
        'plan-a',
        [
          {
            update: bytes(2),
            author: 'ana',
            cells: [{ ...cell, value: 6, previous: 5, shown: 6 }],
          },
        ],
        { documentEpoch: 1 },
      )
      const history = await records.cellHistory('plan-a', cell, 10)
      expect(history.map(({ value, author, seq }) => ({ value, author, seq }))).toEqual([
        { value: 6, author: 'ana', seq: after },
        { value: 5, author: 'sam', seq: before },
      ])
      expect((await records.listVersions('plan-a')).map(({ id }) => id)).toEqual(['v-1'])
      expect((await records.loadVersion('plan-a', 'v-1'))?.snapshot).toEqual(bytes(8, 8))
    })

    it('stores immutable named versions and drops them with the plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const dec = {
        id: 'v-dec',
        planId: 'plan-a',
        name: 'Consensus plan, Dec 2026',
        note: 'Agreed in S&OP',
        author: 'paula',
        createdAt: '2026-12-01T10:00:00.000Z',
        kind: 'consensus' as const,
      }
      const jan = {
        ...dec,
        kind: 'salesSubmission' as const,
        id: 'v-jan',
        name: 'Consensus plan, Jan 2027',
        createdAt: '2027-01-01T10:00:00.000Z',
      }
      await records.createVersion(jan, bytes(2, 2))
      await records.createVersion(dec, bytes(1, 1, 1))
      await expect(
        records.createVersion({ ...dec, name: 'Overwrite' }, bytes(9)),
      ).rejects.toBeInstanceOf(VersionExistsError)
      await expect(
        records.createVersion({ ...dec, planId: 'no-such-plan' }, bytes(9)),
      ).rejects.toBeInstanceOf(PlanMissingError)
      expect(await records.listVersions('plan-a')).toEqual([dec, jan])
      expect(await records.loadVersion('plan-a', 'v-dec')).toEqual({
        record: dec,
        snapshot: bytes(1, 1, 1),
      })
      expect(await records.loadVersion('plan-a', 'v-none')).toBeUndefined()
      await log.deletePlan('plan-a')
      await log.createPlan(planRecord('plan-a'), bytes(0))
      expect(await records.listVersions('plan-a')).toEqual([])
      expect(await records.loadVersion('plan-a', 'v-dec')).toBeUndefined()
    })

    it("keeps a version's accuracy extract, replaced by a later one, dropped with the plan", async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const version = {
        id: 'v-1',
        planId: 'plan-a',
        name: 'Consensus',
        note: '',
        author: 'paula',
        createdAt: '2026-12-01T10:00:00.000Z',
        kind: 'consensus' as const,
      }
      await records.createVersion(version, bytes(1, 1))
      expect(await records.loadAccuracyExtract('plan-a', 'v-1')).toBeUndefined()
      const extract = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256)
      await records.saveAccuracyExtract('plan-a', 'v-1', extract)
      expect(await records.loadAccuracyExtract('plan-a', 'v-1')).toEqual(extract)
      await records.saveAccuracyExtract('plan-a', 'v-1', bytes(5, 0, 5))
      expect(await records.loadAccuracyExtract('plan-a', 'v-1')).toEqual(bytes(5, 0, 5))
      // The version's own record and snapshot are untouched.
      expect(await records.loadVersion('plan-a', 'v-1')).toEqual({
        record: version,
        snapshot: bytes(1, 1),
      })
      expect(await records.listVersions('plan-a')).toEqual([version])
      // No version, no plan: nothing is kept.
      await records.saveAccuracyExtract('plan-a', 'v-none', bytes(9))
      expect(await records.loadAccuracyExtract('plan-a', 'v-none')).toBeUndefined()
      await records.saveAccuracyExtract('no-such-plan', 'v-1', bytes(9))
      expect(await records.loadAccuracyExtract('no-such-plan', 'v-1')).toBeUndefined()
      // Concurrent saves of the same extract from two instances leave it whole.
      const other = await subject.reopen()
      await Promise.all([
        records.saveAccuracyExtract('plan-a', 'v-1', extract),
        other.records.saveAccuracyExtract('plan-a', 'v-1', extract),
      ])
      expect(await other.records.loadAccuracyExtract('plan-a', 'v-1')).toEqual(extract)
      await log.deletePlan('plan-a')
      await log.createPlan(planRecord('plan-a'), bytes(0))
      await records.createVersion(version, bytes(1, 1))
      expect(await records.loadAccuracyExtract('plan-a', 'v-1')).toBeUndefined()
    })

    it('keeps the minutes of a meeting with its consensus version', async () => {
      await log.createPlan(planRecord('plan-m'), bytes(0))
      const decision = {
        id: 'r-1',
        meetingId: 'm-1',
        kind: 'decision' as const,
        text: 'Add a Saturday shift on line 2',
        owner: '',
        due: '',
        links: [{ kind: 'cell' as const, measure: 'supply' as const, key: 'SKU-1', period: 3 }],
        author: 'paula',
        at: '2026-12-04T09:10:00.000Z',
      }
      const minutes = {
        meetingId: 'm-1',
        startedAt: '2026-12-04T09:00:00.000Z',
        endedAt: '2026-12-04T10:00:00.000Z',
        startedBy: 'paula',
        endedBy: 'paula',
        presenter: 'paula',
        attendees: [
          { id: 'paula', name: 'Paula Planner' },
          { id: 'wang', name: '王芳' },
        ],
        decisions: [decision],
        actions: [
          { ...decision, id: 'r-2', kind: 'action' as const, owner: 'wang', due: '2026-12-11' },
        ],
        agenda: [
          {
            id: 'gap-shortage-SKU-1-3',
            source: 'gap' as const,
            gapKind: 'shortage' as const,
            key: 'SKU-1',
            firstPeriod: 3,
            lastPeriod: 4,
            severity: 'high' as const,
            risk: 1200.5,
            riskUnit: 'money' as const,
            spentSeconds: 310,
          },
        ],
        figures: {
          demand: 1000,
          supply: 900,
          endingInventory: -100,
          gaps: { shortage: 1, belowSafetyStock: 0, overCapacity: 2, excess: 0 },
          openFlags: 0,
          revenuePlanned: 4000,
          revenueAtRisk: 1200.5,
          inventoryValue: 0,
          skus: 1,
          pricedSkus: 1,
        },
      }
      const consensus = {
        id: 'v-con',
        planId: 'plan-m',
        name: 'Consensus 2026-12-04',
        note: '',
        author: 'paula',
        createdAt: '2026-12-04T10:00:00.000Z',
        kind: 'consensus' as const,
        minutes,
      }
      const manual = { ...consensus, id: 'v-man', kind: 'manual' as const, minutes: undefined }
      delete manual.minutes
      await records.createVersion(consensus, bytes(3))
      await records.createVersion(manual, bytes(4))
      expect(await records.listVersions('plan-m')).toEqual(
        [manual, consensus].sort((a, b) => (a.id < b.id ? -1 : 1)),
      )
      expect((await records.loadVersion('plan-m', 'v-con'))?.record).toEqual(consensus)
      expect((await records.loadVersion('plan-m', 'v-man'))?.record).not.toHaveProperty('minutes')
    })

    it('keeps per-user read marks that only move forward', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      await records.setReadMark('plan-a', 'ann', 'thread-1', '2026-11-27T10:00:00.000Z')
      await records.setReadMark('plan-a', 'ann', 'thread-2', '2026-11-27T09:00:00.000Z')
      await records.setReadMark('plan-a', 'ann', 'thread-1', '2026-11-27T08:00:00.000Z')
      await records.setReadMark('plan-a', 'bob', 'thread-1', '2026-11-27T11:00:00.000Z')
      expect(await records.getReadMarks('plan-a', 'ann')).toEqual({
        'thread-1': '2026-11-27T10:00:00.000Z',
        'thread-2': '2026-11-27T09:00:00.000Z',
      })
      expect(await records.getReadMarks('plan-a', 'carol')).toEqual({})
      await expect(
        records.setReadMark('no-such-plan', 'ann', 't', '2026-11-27T10:00:00.000Z'),
      ).rejects.toBeInstanceOf(PlanMissingError)
      await log.deletePlan('plan-a')
      await log.createPlan(planRecord('plan-a'), bytes(0))
      expect(await records.getReadMarks('plan-a', 'ann')).toEqual({})
    })

    it('keeps per-user inbox read marks, marked and unmarked in one step, dropped with the plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      await log.createPlan(planRecord('plan-b'), bytes(0))
      const [mention, action, flag] = ['mention:plan-a:t1:m1', 'action:plan-a:r1', 'flag:plan-a:f1']
      await records.setInboxReads('plan-a', 'ann', [mention, action], true)
      await records.setInboxReads('plan-a', 'ann', [action, flag], true)
      await records.setInboxReads('plan-a', 'bob', [flag], true)
      await records.setInboxReads('plan-b', 'ann', ['action:plan-b:r9'], true)
      expect(await records.getInboxReads('plan-a', 'ann')).toEqual([action, flag, mention])
      expect(await records.getInboxReads('plan-a', 'bob')).toEqual([flag])
      expect(await records.getInboxReads('plan-b', 'ann')).toEqual(['action:plan-b:r9'])
      expect(await records.getInboxReads('plan-a', 'carol')).toEqual([])
      await records.setInboxReads('plan-a', 'ann', [action, 'never-marked'], false)
      expect(await records.getInboxReads('plan-a', 'ann')).toEqual([flag, mention])
      const other = await subject.reopen()
      expect(await other.records.getInboxReads('plan-a', 'ann')).toEqual([flag, mention])
      await expect(
        records.setInboxReads('no-such-plan', 'ann', [mention], true),
      ).rejects.toBeInstanceOf(PlanMissingError)
      expect(await records.getInboxReads('no-such-plan', 'ann')).toEqual([])
      await log.deletePlan('plan-a')
      await log.createPlan(planRecord('plan-a'), bytes(0))
      expect(await records.getInboxReads('plan-a', 'ann')).toEqual([])
      expect(await records.getInboxReads('plan-b', 'ann')).toEqual(['action:plan-b:r9'])
    })

    it('keeps every inbox mark of concurrent calls from two instances', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const other = await subject.reopen()
      const ids = Array.from(
        { length: 20 },
        (_, i) => `action:plan-a:r${String(i).padStart(2, '0')}`,
      )
      await Promise.all(
        ids.map((id, i) =>
          (i % 2 === 0 ? records : other.records).setInboxReads('plan-a', 'ann', [id], true),
        ),
      )
      expect(await records.getInboxReads('plan-a', 'ann')).toEqual(ids)
    })
  })
}
