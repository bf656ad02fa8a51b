import { createHash } from 'node:crypto'
import type { AccuracyQuery, AccuracyReport } from '@tandem/shared'
import { MAX_ACCURACY_LAG, PlanDoc } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import { useRoom } from '../rooms/use-room.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanRecords, VersionRecord } from '../store/plan-records.js'
import type { AccuracyWorkerAnswer, AccuracyWorkerRequest, SnapshotRef } from './accuracy-job.js'
import { AccuracyThread } from './accuracy-thread.js'
import { actualsRevision, readLiveAccuracy } from './live-accuracy.js'

/** Reports kept, the least recently used going first. */
const REPORT_CACHE = 64

/**
 * The Accuracy panel's figures for a plan (`GET /api/plans/:id/accuracy`): computed in the
 * accuracy worker thread from the live plan's actuals, its published versions and the per-cell
 * history, and cached per version set, actuals revision, authors and query.
 */
export class AccuracyReports {
  private readonly thread = new AccuracyThread()
  private readonly cache = new Map<string, AccuracyReport>()
  private readonly running = new Map<string, Promise<AccuracyReport>>()

  constructor(
    private readonly deps: { records: PlanRecords; rooms: RoomRegistry; accounts: Accounts },
  ) {}

  async report(planId: string, query: AccuracyQuery): Promise<AccuracyReport> {
    if (!Number.isInteger(query.lag) || query.lag < 1 || query.lag > MAX_ACCURACY_LAG)
      throw new ApiProblem(
        'badRequest',
        `lag must be a whole number of periods from 1 to ${MAX_ACCURACY_LAG} (got ${query.lag})`,
        'lag',
      )
    const versions = await this.deps.records.listVersions(planId)
    const { revision, periodKind, firstPeriod } = await useRoom(this.deps.rooms, planId, (room) => {
      const meta = new PlanDoc(room.doc).readMeta()
      return {
        revision: actualsRevision(room.doc),
        periodKind: meta.periodKind,
        firstPeriod: meta.firstPeriod,
      }
    })
    const writers = await this.deps.records.lastAuthors(planId, 'demand')
    const key = createHash('sha256')
      .update(JSON.stringify([planId, versions.map((v) => [v.id, v.kind, v.createdAt]), revision]))
      .update(JSON.stringify(writers))
      .update(JSON.stringify([query.lag, query.family, query.site, query.sku]))
      .digest('base64url')
    const cached = this.cache.get(key)
    if (cached) {
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    let running = this.running.get(key)
    if (!running) {
      const snapshots = versions.map((version): SnapshotRef => ({
        key: `${planId}/${version.id}/${periodKind}/${firstPeriod}`,
        placement: {
          id: version.id,
          kind: version.kind === 'salesSubmission' ? 'salesSubmission' : 'consensus',
          publishedAt: version.createdAt,
          periodKind,
          firstPeriod,
          maxLag: MAX_ACCURACY_LAG,
        },
      }))
      running = this.compute(planId, revision, versions, snapshots, writers, query)
      this.running.set(key, running)
    }
    try {
      const report = await running
      this.cache.set(key, report)
      while (this.cache.size > REPORT_CACHE) this.cache.delete(this.cache.keys().next().value!)
      return report
    } finally {
      this.running.delete(key)
    }
  }

  close(): Promise<void> {
    return this.thread.close()
  }

  private async compute(
    planId: string,
    revision: string,
    versions: VersionRecord[],
    snapshots: SnapshotRef[],
    writers: Record<string, string>,
    query: AccuracyQuery,
  ): Promise<AccuracyReport> {
    const names: Record<string, string> = {}
    for (const id of new Set(Object.values(writers))) {
      const user = await this.deps.accounts.getUser(id)
      if (user) names[id] = user.name
    }
    const request: Omit<AccuracyWorkerRequest, 'id'> = {
      kind: 'report',
      liveKey: `${planId}/${revision}`,
      snapshots,
      writers,
      names,
      query,
      computedAt: new Date().toISOString(),
    }
    let answer: AccuracyWorkerAnswer = await this.thread.ask(request)
    if (answer.kind === 'missing') {
      const live = answer.live
        ? await useRoom(this.deps.rooms, planId, (room) =>
            readLiveAccuracy(planId, new PlanDoc(room.doc)),
          )
        : undefined
      const wanted = new Set(answer.snapshots)
      const withBytes: SnapshotRef[] = []
      for (const [i, ref] of snapshots.entries()) {
        if (!wanted.has(ref.key)) {
          withBytes.push(ref)
          continue
        }
        const stored = await this.deps.records.loadVersion(planId, versions[i]!.id)
        if (!stored) throw new ApiProblem('conflict', `Version ${versions[i]!.id} was removed`)
        withBytes.push({ ...ref, snapshot: stored.snapshot })
      }
      answer = await this.thread.ask({ ...request, live, snapshots: withBytes })
    }
    if (answer.kind === 'report') return answer.report
    throw new Error(
      answer.kind === 'failed' ? answer.message : 'the accuracy worker lost what it was sent',
    )
  }
}
