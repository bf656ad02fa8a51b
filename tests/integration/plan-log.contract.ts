import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import { PlanExistsError, PlanMissingError } from '../../server/src/store/plan-log.js'
import type { StoresUnderTest } from './store-fixtures.js'
import {
  anyTime,
  AUTHOR,
  authored,
  bytes,
  decode,
  demoPlanDoc,
  documentOf,
  isIncreasing,
  loadedPlan,
  OWNERS,
  planJson,
  planRecord,
  recordEdits,
  sortBySeq,
  text,
} from './store-fixtures.js'

/** The plan log contract (PlanLog), run once per backend. */
export function describePlanLogContract(name: string, open: () => Promise<StoresUnderTest>): void {
  describe(`${name} (PlanLog contract)`, () => {
    let subject: StoresUnderTest
    let log: PlanLog

    beforeEach(async () => {
      subject = await open()
      log = subject.stores.log
    })
    afterEach(() => subject.cleanup())

    it('creates, lists and deletes plans', async () => {
      const later = planRecord('plan-b', '2026-11-02T09:00:00.000Z')
      const earlier = planRecord('plan-a', '2026-11-01T09:00:00.000Z')
      await log.createPlan(later, bytes(1, 2, 3))
      await log.createPlan(earlier, bytes(4, 5, 6))

      expect(await log.listPlans()).toEqual([earlier, later])
      expect(await log.getPlan('plan-b')).toEqual(later)
      expect(await log.getPlan('no-such-plan')).toBeUndefined()

      expect(await log.deletePlan('plan-b')).toBe(true)
      expect(await log.deletePlan('plan-b')).toBe(false)
      expect(await log.listPlans()).toEqual([earlier])
      expect(await log.getPlan('plan-b')).toBeUndefined()
      expect(await log.loadPlan('plan-b')).toBeUndefined()
    })

    it('refuses a second plan with the same id and keeps the first', async () => {
      const record = planRecord('plan-a')
      await log.createPlan(record, bytes(1, 2, 3))

      const again = log.createPlan({ ...record, name: 'Impostor' }, bytes(9))
      await expect(again).rejects.toBeInstanceOf(PlanExistsError)
      expect(await log.getPlan('plan-a')).toEqual(record)
      expect((await log.loadPlan('plan-a'))?.snapshot).toEqual(bytes(1, 2, 3))
    })

    it('loads appended updates byte for byte, in order, with increasing seqs', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0, 255, 0))
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
      const first = [everyByte, bytes(0), bytes(0xff, 0xfe, 0x00, 0x0d, 0x0a)]
      const second = [bytes(42), everyByte.slice().reverse()]

      const seqs = [
        ...(await log.appendUpdates('plan-a', authored(first))),
        ...(await log.appendUpdates('plan-a', authored(second))),
      ]
      const loaded = await log.loadPlan('plan-a')

      expect(loaded?.snapshot).toEqual(bytes(0, 255, 0))
      expect(loaded?.updates).toEqual(
        [...first, ...second].map((update, i) => ({
          seq: seqs[i],
          update,
          author: AUTHOR,
          at: anyTime,
        })),
      )
      expect(isIncreasing(seqs)).toBe(true)
    })

    it('loads the same document after compaction as before it', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const edits = recordEdits(plan, 10)
      const seqs = await log.appendUpdates('plan-a', authored(edits))
      const before = await loadedPlan(log, 'plan-a')
      expect(planJson(before).demand).toEqual(plan.demand.toJSON())

      await log.compact('plan-a', documentOf(before, 5), seqs[4], OWNERS)
      const halfway = await loadedPlan(log, 'plan-a')
      expect(halfway.updates.map(({ seq }) => seq)).toEqual(seqs.slice(5))
      expect(planJson(halfway)).toEqual(planJson(before))

      await log.compact('plan-a', documentOf(halfway), seqs[9], OWNERS)
      const compacted = await loadedPlan(log, 'plan-a')
      expect(compacted.updates).toEqual([])
      expect(planJson(compacted)).toEqual(planJson(before))
    })

    it('keeps the entries appended after throughSeq when compacting', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const covered = recordEdits(plan, 3)
      const coveredSeqs = await log.appendUpdates('plan-a', authored(covered))
      const compactedSnapshot = documentOf(await loadedPlan(log, 'plan-a'))
      const later = recordEdits(plan, 3, 100)
      const laterSeqs = await log.appendUpdates('plan-a', authored(later))

      await log.compact('plan-a', compactedSnapshot, coveredSeqs[2], OWNERS)
      const loaded = await loadedPlan(log, 'plan-a')

      expect(loaded.updates).toEqual(
        later.map((update, i) => ({ seq: laterSeqs[i], update, author: AUTHOR, at: anyTime })),
      )
      expect(planJson(loaded).demand).toEqual(plan.demand.toJSON())
    })

    it('keeps every update exactly once when two connections append at once', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const other = (await subject.reopen()).log
      const batches = Array.from({ length: 40 }, (_, b) =>
        Array.from({ length: 1 + (b % 3) }, (_, u) => text(`batch ${b} update ${u}`)),
      )

      const seqs = await Promise.all(
        batches.map((batch, b) => (b % 2 ? other : log).appendUpdates('plan-a', authored(batch))),
      )
      const loaded = await loadedPlan(log, 'plan-a')

      const appended = batches.flatMap((batch, b) =>
        batch.map((update, u) => ({ seq: seqs[b][u], update: decode(update) })),
      )
      const stored = loaded.updates.map(({ seq, update }) => ({ seq, update: decode(update) }))
      expect(stored).toHaveLength(appended.length)
      expect(sortBySeq(stored)).toEqual(sortBySeq(appended))
      expect(isIncreasing(stored.map(({ seq }) => seq))).toBe(true)
      for (const batchSeqs of seqs) expect(isIncreasing(batchSeqs)).toBe(true)
    })

    it('keeps plans, snapshots and logs after closing and reopening', async () => {
      const { plan, snapshot } = demoPlanDoc()
      const record = planRecord('plan-a')
      await log.createPlan(record, snapshot)
      const seqs = await log.appendUpdates('plan-a', authored(recordEdits(plan, 4)))
      await log.compact('plan-a', documentOf(await loadedPlan(log, 'plan-a'), 2), seqs[1], OWNERS)
      await log.appendUpdates('plan-a', authored(recordEdits(plan, 2, 200)))
      const before = await loadedPlan(log, 'plan-a')
      await subject.stores.close()

      const reopened = (await subject.reopen()).log
      expect(await reopened.listPlans()).toEqual([record])
      expect(await reopened.loadPlan('plan-a')).toEqual(before)
      expect(planJson(before).demand).toEqual(plan.demand.toJSON())
      const [next] = await reopened.appendUpdates('plan-a', authored([bytes(7)]))
      expect(isIncreasing([...before.updates.map(({ seq }) => seq), next])).toBe(true)
    })

    it('refuses appends and compaction for a missing plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const [seq] = await log.appendUpdates('plan-a', authored([bytes(1)]))

      await expect(log.appendUpdates('no-such-plan', authored([bytes(1)]))).rejects.toBeInstanceOf(
        PlanMissingError,
      )
      await expect(log.appendUpdates('no-such-plan', [])).rejects.toBeInstanceOf(PlanMissingError)
      await expect(log.compact('no-such-plan', bytes(0), seq, OWNERS)).rejects.toBeInstanceOf(
        PlanMissingError,
      )
      expect(await log.getPlan('no-such-plan')).toBeUndefined()
    })

    it('removes the log with the plan', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(1))
      await log.appendUpdates('plan-a', authored([bytes(2), bytes(3)]))
      expect(await log.deletePlan('plan-a')).toBe(true)

      await log.createPlan(planRecord('plan-a'), bytes(4))
      expect(await log.loadPlan('plan-a')).toEqual({
        snapshot: bytes(4),
        clientOwners: {},
        updates: [],
      })
    })

    it('records who appended each update and when', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const before = Date.now()
      await log.appendUpdates('plan-a', [
        { update: bytes(1), author: 'alice' },
        { update: bytes(2), author: 'bob' },
      ])
      const loaded = await loadedPlan(log, 'plan-a')
      expect(loaded.updates.map(({ author }) => author)).toEqual(['alice', 'bob'])
      for (const { at } of loaded.updates) {
        expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000)
        expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 1000)
      }
    })

    it('keeps the clientID owners a compaction covers', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      expect((await loadedPlan(log, 'plan-a')).clientOwners).toEqual({})
      const seqs = await log.appendUpdates('plan-a', authored(recordEdits(plan, 2)))
      await log.compact('plan-a', documentOf(await loadedPlan(log, 'plan-a')), seqs[1], OWNERS)
      expect((await loadedPlan(log, 'plan-a')).clientOwners).toEqual(OWNERS)
    })

    it('catches an instance up more than 5,000 entries behind, to the end of the log', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(0))
      const writer = (await subject.reopen()).log
      const total = 5_200
      const seqs: string[] = []
      for (let from = 0; from < total; from += 400) {
        const batch = Array.from({ length: Math.min(400, total - from) }, (_, i) =>
          text(`update ${from + i}`),
        )
        seqs.push(...(await writer.appendUpdates('plan-a', authored(batch))))
      }
      const behind = seqs[0]
      const expected = seqs.slice(1)
      if (log.feed) {
        const received: string[] = []
        const stop = await log.feed.follow('plan-a', behind, (entries) =>
          received.push(...entries.map(({ seq }) => seq)),
        )
        const deadline = Date.now() + 10_000
        while (received.length < expected.length && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20))
        await stop()
        expect(received).toEqual(expected)
      } else {
        const loaded = await loadedPlan(log, 'plan-a')
        expect(loaded.updates.map(({ seq }) => seq)).toEqual(seqs)
        expect(decode(loaded.updates[total - 1].update)).toBe(`update ${total - 1}`)
      }
    })

    it('reports itself reachable', async () => {
      expect(await subject.stores.health()).toMatchObject({ reachable: true })
    })
  })
}
