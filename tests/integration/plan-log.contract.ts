import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PlanLog, StoredPlanState } from '../../server/src/store/plan-log.js'
import {
  EpochChangedError,
  PlanExistsError,
  PlanMissingError,
} from '../../server/src/store/plan-log.js'
import type { StoresUnderTest } from './store-fixtures.js'
import {
  anyTime,
  AUTHOR,
  authored,
  bytes,
  compaction,
  decode,
  demoPlanDoc,
  documentOf,
  isIncreasing,
  loadedPlan,
  materialize,
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

      expect(await log.compact('plan-a', compaction(documentOf(before, 5), seqs[4], 0))).toEqual({
        written: true,
        epoch: 1,
      })
      const halfway = await loadedPlan(log, 'plan-a')
      expect(halfway.updates.map(({ seq }) => seq)).toEqual(seqs.slice(5))
      expect(planJson(halfway)).toEqual(planJson(before))

      expect(halfway.snapshotEpoch).toBe(1)
      expect(halfway.compactedThrough).toBe(seqs[4])
      await log.compact('plan-a', compaction(documentOf(halfway), seqs[9], 1))
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

      await log.compact('plan-a', compaction(compactedSnapshot, coveredSeqs[2], 0))
      const loaded = await loadedPlan(log, 'plan-a')

      expect(loaded.updates).toEqual(
        later.map((update, i) => ({ seq: laterSeqs[i], update, author: AUTHOR, at: anyTime })),
      )
      expect(planJson(loaded).demand).toEqual(plan.demand.toJSON())
    })

    it('writes a compaction only onto the snapshot it was built on (compare-and-set)', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const seqs = await log.appendUpdates('plan-a', authored(recordEdits(plan, 6)))
      const loaded = await loadedPlan(log, 'plan-a')
      expect(loaded.snapshotEpoch).toBe(0)
      expect(loaded.compactedThrough).toBeUndefined()

      const first = await log.compact('plan-a', compaction(documentOf(loaded), seqs[5], 0))
      expect(first).toEqual({ written: true, epoch: 1 })
      const after = await loadedPlan(log, 'plan-a')

      // An instance that still believes in epoch 0, with an older view of the plan.
      const stale = await log.compact('plan-a', compaction(documentOf(loaded, 2), seqs[2], 0))
      expect(stale).toEqual({ written: false, storedEpoch: 1 })
      expect(await loadedPlan(log, 'plan-a')).toEqual(after)
      expect(planJson(after).demand).toEqual(plan.demand.toJSON())
      expect(after).toMatchObject({ snapshotEpoch: 1, compactedThrough: seqs[5], updates: [] })
    })

    it('lets exactly one of two instances that compact at once write', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const other = (await subject.reopen()).log
      const seqs = await log.appendUpdates('plan-a', authored(recordEdits(plan, 8)))
      const view = await loadedPlan(log, 'plan-a')
      const results = await Promise.all([
        log.compact('plan-a', compaction(documentOf(view, 8), seqs[7], 0)),
        other.compact('plan-a', compaction(documentOf(view, 4), seqs[3], 0)),
        log.compact('plan-a', compaction(documentOf(view, 6), seqs[5], 0)),
      ])
      expect(results.filter(({ written }) => written)).toEqual([{ written: true, epoch: 1 }])
      expect(results.filter(({ written }) => !written)).toHaveLength(2)
      const stored = await loadedPlan(log, 'plan-a')
      expect(stored.snapshotEpoch).toBe(1)
      expect(planJson(stored).demand).toEqual(plan.demand.toJSON())
    })

    it('keeps every saved edit when a paused instance compacts after another (issue 12)', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const paused = (await subject.reopen()).log
      await log.appendUpdates('plan-a', authored(recordEdits(plan, 10)))
      const pausedView = await loadedPlan(paused, 'plan-a')
      // While B is paused, A takes 10 more edits and compacts them away.
      const tenMore = await log.appendUpdates('plan-a', authored(recordEdits(plan, 10, 5000)))
      const activeView = await loadedPlan(log, 'plan-a')
      const active = await log.compact(
        'plan-a',
        compaction(documentOf(activeView), tenMore[9], activeView.snapshotEpoch),
      )
      expect(active.written).toBe(true)
      // B resumes with the view it had: its snapshot would drop A's 10 edits. It is refused.
      const own = await paused.appendUpdates('plan-a', authored(recordEdits(plan, 3, 9000)))
      const refused = await paused.compact(
        'plan-a',
        compaction(documentOf(pausedView), own[2], pausedView.snapshotEpoch),
      )
      expect(refused).toEqual({ written: false, storedEpoch: 1 })
      // B merges the stored state into its document, then may compact.
      const merged = materialize(pausedView)
      const stored = await loadedPlan(paused, 'plan-a')
      Y.applyUpdate(merged, stored.snapshot)
      for (const { update } of stored.updates) Y.applyUpdate(merged, update)
      const retried = await paused.compact(
        'plan-a',
        compaction(Y.encodeStateAsUpdate(merged), own[2], stored.snapshotEpoch),
      )
      expect(retried).toEqual({ written: true, epoch: 2 })
      const fresh = await loadedPlan((await subject.reopen()).log, 'plan-a')
      expect(planJson(fresh).demand).toEqual(plan.demand.toJSON())
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
      await log.compact(
        'plan-a',
        compaction(documentOf(await loadedPlan(log, 'plan-a'), 2), seqs[1], 0),
      )
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
      await expect(
        log.compact('no-such-plan', compaction(bytes(0), seq, 0)),
      ).rejects.toBeInstanceOf(PlanMissingError)
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
        snapshotEpoch: 0,
        documentEpoch: 0,
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
      await log.compact(
        'plan-a',
        compaction(documentOf(await loadedPlan(log, 'plan-a')), seqs[1], 0),
      )
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
        const stop = await log.feed.follow('plan-a', behind, {
          entries: (entries) => received.push(...entries.map(({ seq }) => seq)),
          reload: () => received.push('reload'),
        })
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

    it('hands a follower whose position was trimmed away the stored state instead', async () => {
      if (!log.feed) return
      const { plan, snapshot } = demoPlanDoc()
      await log.createPlan(planRecord('plan-a'), snapshot)
      const writer = (await subject.reopen()).log
      const [first] = await writer.appendUpdates('plan-a', authored(recordEdits(plan, 1)))
      const trimmed = await writer.appendUpdates('plan-a', authored(recordEdits(plan, 5, 300)))
      const view = await loadedPlan(writer, 'plan-a')
      await writer.compact('plan-a', compaction(documentOf(view), trimmed[4], 0))
      const later = await writer.appendUpdates('plan-a', authored(recordEdits(plan, 2, 700)))

      const reloads: StoredPlanState[] = []
      const received: string[] = []
      const stop = await log.feed.follow('plan-a', first, {
        entries: (entries) => received.push(...entries.map(({ seq }) => seq)),
        reload: (state) => reloads.push(state),
      })
      const deadline = Date.now() + 5000
      while (reloads.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      const [next] = await writer.appendUpdates('plan-a', authored(recordEdits(plan, 1, 900)))
      while (!received.includes(next) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20))
      await stop()

      expect(reloads).toHaveLength(1)
      expect(reloads[0]).toMatchObject({ snapshotEpoch: 1, compactedThrough: trimmed[4] })
      expect(reloads[0].updates.map(({ seq }) => seq)).toEqual(later)
      expect(received).toEqual([next])
      const doc = materialize(reloads[0])
      expect(doc.getMap('demand').toJSON()).toEqual(
        materialize(await loadedPlan(writer, 'plan-a'), 2)
          .getMap('demand')
          .toJSON(),
      )
    })

    it('refuses an append made for a document epoch the plan has left, writing nothing', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(1))
      const [first] = await log.appendUpdates('plan-a', authored([bytes(2)]), { documentEpoch: 0 })
      expect(
        await log.changeEpoch('plan-a', {
          snapshot: bytes(7),
          throughSeq: first,
          clientOwners: OWNERS,
          basedOnEpoch: 0,
          documentEpoch: 1,
        }),
      ).toEqual({ written: true, snapshotEpoch: 1, documentEpoch: 1 })
      const old = log.appendUpdates('plan-a', authored([bytes(3)]), { documentEpoch: 0 })
      await expect(old).rejects.toBeInstanceOf(EpochChangedError)
      await expect(old).rejects.toMatchObject({ storedDocumentEpoch: 1 })
      expect(await log.loadPlan('plan-a')).toMatchObject({
        snapshot: bytes(7),
        clientOwners: OWNERS,
        updates: [],
        snapshotEpoch: 1,
        documentEpoch: 1,
      })
      const [next] = await log.appendUpdates('plan-a', authored([bytes(4)]), { documentEpoch: 1 })
      const loaded = await log.loadPlan('plan-a')
      expect(loaded?.updates.map(({ seq, update }) => [seq, update])).toEqual([[next, bytes(4)]])
      expect(isIncreasing([first, next])).toBe(true)
    })

    it('changes the epoch only on the state it was built on', async () => {
      await log.createPlan(planRecord('plan-a'), bytes(1))
      const seqs = await log.appendUpdates('plan-a', authored([bytes(2), bytes(3)]))
      const change = (over: object) => ({
        snapshot: bytes(9),
        throughSeq: seqs[1],
        clientOwners: OWNERS,
        basedOnEpoch: 0,
        documentEpoch: 1,
        ...over,
      })
      const refused = (reason: string) => ({ written: false, reason, storedDocumentEpoch: 0 })
      expect(await log.changeEpoch('plan-a', change({ documentEpoch: 2 }))).toEqual(
        refused('stale'),
      )
      expect(await log.changeEpoch('plan-a', change({ basedOnEpoch: 1 }))).toEqual(refused('stale'))
      // The last entry is not in the change: it would be lost with the old epoch's log.
      expect(await log.changeEpoch('plan-a', change({ throughSeq: seqs[0] }))).toEqual(
        refused('behind'),
      )
      expect(await log.changeEpoch('plan-a', change({ throughSeq: undefined }))).toEqual(
        refused('behind'),
      )
      const untouched = await log.loadPlan('plan-a')
      expect(untouched).toMatchObject({ snapshot: bytes(1), snapshotEpoch: 0, documentEpoch: 0 })
      expect(untouched?.updates).toHaveLength(2)
      await expect(log.changeEpoch('no-such-plan', change({}))).rejects.toBeInstanceOf(
        PlanMissingError,
      )
      expect((await log.changeEpoch('plan-a', change({}))).written).toBe(true)
      // And the same change cannot be written twice.
      expect(await log.changeEpoch('plan-a', change({}))).toEqual({
        written: false,
        reason: 'stale',
        storedDocumentEpoch: 1,
      })
    })

    it('lets either a racing append or the epoch change win, never both', async () => {
      for (let round = 0; round < 6; round++) {
        const id = `race-${round}`
        await log.createPlan(planRecord(id), bytes(1))
        const [last] = await log.appendUpdates(id, authored([bytes(2)]))
        const [append, change] = await Promise.allSettled([
          log.appendUpdates(id, authored([bytes(3)]), { documentEpoch: 0 }),
          log.changeEpoch(id, {
            snapshot: bytes(5),
            throughSeq: last,
            clientOwners: OWNERS,
            basedOnEpoch: 0,
            documentEpoch: 1,
          }),
        ])
        const changed = change.status === 'fulfilled' && change.value.written
        const appended = append.status === 'fulfilled'
        expect(changed !== appended, `round ${round}`).toBe(true)
        if (!appended)
          expect((append as PromiseRejectedResult).reason).toBeInstanceOf(EpochChangedError)
        const stored = await log.loadPlan(id)
        expect(stored?.updates.length).toBe(changed ? 0 : 2)
        expect(stored?.documentEpoch).toBe(changed ? 1 : 0)
      }
    })

    it('reports itself reachable', async () => {
      expect(await subject.stores.health()).toMatchObject({ reachable: true })
    })
  })
}
