import { createHash } from 'node:crypto'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { AccuracyQuery, AccuracyReport, PeriodKind } from '@tandem/shared'
import { ACCURACY_SKU_PAGE, ACCURACY_SKU_ROWS, MAX_ACCURACY_LAG, PlanDoc } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { Room } from '../rooms/room.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { PlanRecords, VersionRecord } from '../store/plan-records.js'
import type {
  AccuracyWorkerAnswer,
  AccuracyWorkerRequest,
  LiveAccuracy,
  SnapshotRef,
  StoredLive,
} from './accuracy-job.js'
import { AccuracyThread } from './accuracy-thread.js'
import { actualsRevision, readLiveAccuracy } from './live-accuracy.js'
import { storedStatePosition } from '../store/stored-state-position.js'

/** Reports kept, the least recently used going first. */
const REPORT_CACHE = 64

/** A computed report: its JSON without `skus` and `skuOffset`, and each SKU row's JSON. */
interface CachedReport {
  head: string
  skus: Buffer[]
}

/** The report's JSON with one page of its SKU rows. */
function page(report: CachedReport, query: AccuracyQuery): Buffer {
  const offset = Math.max(0, Math.floor(query.skuOffset ?? 0))
  const limit = Math.max(1, Math.floor(query.skuLimit ?? ACCURACY_SKU_PAGE))
  const rows = report.skus.slice(offset, offset + limit)
  const parts: Buffer[] = [
    Buffer.from(`${report.head.slice(0, -1)},"skuOffset":${offset},"skus":[`),
  ]
  rows.forEach((row, i) => parts.push(...(i > 0 ? [COMMA, row] : [row])))
  parts.push(CLOSE)
  return Buffer.concat(parts)
}
const COMMA = Buffer.from(',')
const CLOSE = Buffer.from(']}')

/** Where the live plan's actuals come from: its open room, or the store when none is open. */
interface LiveSource {
  /** Keys the live part in the worker and the report cache. */
  revision: string
  periodKind: PeriodKind
  firstPeriod: string
  read(): Promise<{ live?: LiveAccuracy; stored?: StoredLive }>
}

/**
 * The Accuracy panel's figures for a plan (`GET /api/plans/:id/accuracy`): computed in the
 * accuracy worker thread from the live plan's actuals, its published versions and the per-cell
 * history, and cached, as JSON (the report, and each listed SKU's row, paged on the way out),
 * per version set, actuals revision, authors and query. Versions come as their stored accuracy extracts; one without (published before
 * extracts) is decoded once in the worker and its extract saved. A plan whose room is not open is read from the store and decoded in the worker
 * (its revision is the stored state's position), so a report never loads a room on the event
 * loop.
 */
export class AccuracyReports {
  private readonly thread = new AccuracyThread()
  private readonly cache = new Map<string, CachedReport>()
  private readonly running = new Map<string, Promise<CachedReport>>()
  private readonly publishing = new Set<Promise<void>>()

  constructor(
    private readonly deps: {
      log: PlanLog
      records: PlanRecords
      rooms: RoomRegistry
      accounts: Accounts
      warn?: (error: unknown, message: string) => void
    },
  ) {}

  /** The report as an object with every SKU row listed (for the workbook). */
  async report(planId: string, query: AccuracyQuery): Promise<AccuracyReport> {
    const all = { ...query, skuOffset: 0, skuLimit: ACCURACY_SKU_ROWS }
    return JSON.parse((await this.json(planId, all)).toString('utf8')) as AccuracyReport
  }

  /**
   * The report as the UTF-8 JSON the route sends, with the page of SKU rows asked for
   * (`skuOffset`, `skuLimit`): every page of one report comes from one computation.
   */
  async json(planId: string, query: AccuracyQuery): Promise<Buffer> {
    return page(await this.computed(planId, query), query)
  }

  private async computed(planId: string, query: AccuracyQuery): Promise<CachedReport> {
    if (!Number.isInteger(query.lag) || query.lag < 1 || query.lag > MAX_ACCURACY_LAG)
      throw new ApiProblem(
        'badRequest',
        `lag must be a whole number of periods from 1 to ${MAX_ACCURACY_LAG} (got ${query.lag})`,
        'lag',
      )
    const versions = await this.deps.records.listVersions(planId)
    const source = await this.liveSource(planId)
    const { revision, periodKind, firstPeriod } = source
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
      running = this.compute(planId, source, versions, snapshots, writers, query)
      this.running.set(key, running)
    }
    try {
      const computed = await running
      this.cache.set(key, computed)
      while (this.cache.size > REPORT_CACHE) this.cache.delete(this.cache.keys().next().value!)
      return computed
    } finally {
      this.running.delete(key)
    }
  }

  /**
   * Extracts a version just published (in the worker) and keeps the extract beside it, so no
   * report decodes it; a failure is only logged (a report extracts it then).
   */
  versionPublished(version: VersionRecord, snapshot: Uint8Array): void {
    const done = this.extract(version, snapshot)
      .catch((error: unknown) =>
        this.deps.warn?.(error, `accuracy extract of version ${version.id} failed`),
      )
      .finally(() => this.publishing.delete(done))
    this.publishing.add(done)
  }

  /** Starts the worker thread ahead of the first report (the app does with the server). */
  startWorker(): void {
    this.thread.start()
  }

  /** Waits for extracts of versions published, then stops the worker. */
  async close(): Promise<void> {
    await Promise.all(this.publishing)
    await this.thread.close()
  }

  /** Extracts a version's document in the worker (placed for reports with `ref`) and saves it. */
  private async extract(version: VersionRecord, snapshot: Uint8Array, ref?: SnapshotRef) {
    const answer = await this.thread.ask({
      kind: 'version',
      publishedAt: version.createdAt,
      snapshot,
      ...(ref && { key: ref.key, placement: ref.placement }),
    })
    if (answer.kind !== 'extracted')
      throw new Error(answer.kind === 'failed' ? answer.message : 'no accuracy extract')
    try {
      await this.deps.records.saveAccuracyExtract(version.planId, version.id, answer.extract)
    } catch (error) {
      // Only a shortcut: the next report extracts the version again.
      this.deps.warn?.(error, `saving the accuracy extract of version ${version.id} failed`)
    }
  }

  /** A version from before extracts (or an unreadable one): its document, decoded once. */
  private async decodeVersion(version: VersionRecord, ref: SnapshotRef): Promise<void> {
    const stored = await this.deps.records.loadVersion(version.planId, version.id)
    if (!stored) throw new ApiProblem('conflict', `Version ${version.id} was removed`)
    await this.extract(version, stored.snapshot, ref)
  }

  private async liveSource(planId: string): Promise<LiveSource> {
    const room = this.deps.rooms.loadedRoom(planId)
    if (room) return this.roomSource(planId, room)
    const [record, stored] = await Promise.all([
      this.deps.log.getPlan(planId),
      this.deps.log.loadPlan(planId),
    ])
    if (!record || !stored) throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
    return {
      revision: `stored:${storedStatePosition(stored)}`,
      periodKind: record.periodKind,
      firstPeriod: record.firstPeriod,
      read: async () => ({
        stored: {
          planId,
          snapshot: stored.snapshot,
          updates: stored.updates.map((entry) => entry.update),
        },
      }),
    }
  }

  private roomSource(planId: string, room: Room): LiveSource {
    const meta = new PlanDoc(room.doc).readMeta()
    return {
      revision: actualsRevision(room.doc),
      periodKind: meta.periodKind,
      firstPeriod: meta.firstPeriod,
      read: async () => {
        // The room may unload meanwhile: its document stays readable until destroyed.
        if (room.isDestroyed) return (await this.liveSource(planId)).read()
        return { live: await readLiveAccuracy(planId, new PlanDoc(room.doc)) }
      },
    }
  }

  private async compute(
    planId: string,
    source: LiveSource,
    versions: VersionRecord[],
    snapshots: SnapshotRef[],
    writers: Record<string, string>,
    query: AccuracyQuery,
  ): Promise<CachedReport> {
    const names: Record<string, string> = {}
    for (const id of new Set(Object.values(writers))) {
      const user = await this.deps.accounts.getUser(id)
      if (user) names[id] = user.name
    }
    const request: Omit<AccuracyWorkerRequest, 'id'> = {
      kind: 'report',
      liveKey: `${planId}/${source.revision}`,
      snapshots,
      writers,
      names,
      query,
      computedAt: new Date().toISOString(),
    }
    // A worker that holds nothing (maybe still starting) is not asked: everything is read.
    let answer: AccuracyWorkerAnswer = !this.thread.empty
      ? await this.thread.ask(request)
      : { kind: 'missing', id: 0, live: true, snapshots: snapshots.map((ref) => ref.key) }
    if (answer.kind === 'missing') {
      const live = answer.live ? await source.read() : {}
      const wanted = new Set(answer.snapshots)
      // Sent without waiting for each answer: the worker places them in order while the next
      // blob is read, and a version whose extract it could not place is decoded instead.
      const placing: Promise<void>[] = []
      for (const [i, ref] of snapshots.entries()) {
        if (!wanted.has(ref.key)) continue
        // One version per turn of the event loop: each is a synchronous read of a blob.
        await yieldToLoop()
        const version = versions[i]!
        const extract = await this.deps.records.loadAccuracyExtract(planId, version.id)
        const placed = extract
          ? this.thread.ask({ kind: 'extract', ...ref, extract })
          : Promise.resolve(undefined)
        const done = placed.then((answer) =>
          answer?.kind === 'placed' ? undefined : this.decodeVersion(version, ref),
        )
        // Awaited below; a failure before then must not go unhandled.
        done.catch(() => undefined)
        placing.push(done)
      }
      await Promise.all(placing)
      answer = await this.thread.ask({ ...request, ...live })
    }
    if (answer.kind === 'report')
      return { head: answer.head, skus: answer.skus.map((row) => Buffer.from(row, 'utf8')) }
    throw new Error(
      answer.kind === 'failed' ? answer.message : 'the accuracy worker lost what it was sent',
    )
  }
}
