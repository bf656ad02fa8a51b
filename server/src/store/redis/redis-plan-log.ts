import type {
  AppendGuard,
  ClientOwners,
  Compaction,
  CompactionResult,
  EpochChange,
  EpochChangeResult,
  LoggedUpdate,
  NewLogEntry,
  PlanLog,
  PlanRecord,
  StoredPlanState,
} from '../plan-log.js'
import { EpochChangedError, PlanExistsError, PlanMissingError } from '../plan-log.js'
import { compare, nextStreamId, toBuffer } from './redis-codec.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import type { LogPage } from './redis-plan-feed.js'
import { LOG_PAGE, RedisPlanFeed } from './redis-plan-feed.js'
import { INLINE_NOTICE_BYTES } from './append-notice.js'
import {
  AUTHOR_FIELD,
  EPOCH_ERROR,
  LAST_SEQ_FIELD,
  OWNERS_FIELD,
  TIME_FIELD,
  UPDATE_FIELD,
} from './redis-scripts.js'

const RECORD_FIELDS = [
  'id',
  'name',
  'periodKind',
  'firstPeriod',
  'periodCount',
  'skuCount',
  'createdAt',
] as const satisfies readonly (keyof PlanRecord)[]

/**
 * The plan log in Redis. Per plan: a stream `log` (one entry per update, the entry id is the
 * seq), a string `snap` and a hash `meta`; a set lists the plan ids. Writes that must be atomic
 * run as Lua scripts that declare every key they touch.
 */
export class RedisPlanLog implements PlanLog {
  readonly feed: RedisPlanFeed

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {
    this.feed = new RedisPlanFeed(connection, keys, {
      readPage: (planId, afterSeq, throughSeq) => this.readLogAfter(planId, afterSeq, throughSeq),
      loadPlan: (planId) => this.loadPlan(planId),
    })
  }

  private get client() {
    return this.connection.client
  }

  async createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void> {
    // The index lives in another slot, so it cannot join the script; a stale id there is
    // skipped by listPlans, which is why it is added first.
    await this.client.sAdd(this.keys.planIndex, record.id)
    const fields = [
      ...RECORD_FIELDS.flatMap((field) => [field, String(record[field])]),
      OWNERS_FIELD,
      '{}',
      LAST_SEQ_FIELD,
      '',
    ]
    const { meta, snap, log } = this.keys.plan(record.id)
    const created = await this.client.createPlanScript(
      [meta, snap, log],
      toBuffer(snapshot),
      fields,
    )
    if (!created) throw new PlanExistsError(record.id)
    await this.connection.replicated(log)
  }

  async listPlans(): Promise<PlanRecord[]> {
    const ids = await this.client.sMembers(this.keys.planIndex)
    const plans = await Promise.all(ids.map((id) => this.getPlan(id)))
    return plans
      .filter((plan) => plan !== undefined)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const hash = await this.client.hGetAll(this.keys.plan(id).meta)
    return Object.keys(hash).length === 0 ? undefined : toRecord(hash)
  }

  async deletePlan(id: string): Promise<boolean> {
    const keys = this.keys.plan(id)
    const versionIds = await this.client.hKeys(keys.versions)
    const versionKeys = versionIds.map((versionId) => this.keys.version(id, versionId))
    const deleted = await this.client.del([...Object.values(keys), ...versionKeys])
    if (deleted === 0) return false
    await this.client.sRem(this.keys.planIndex, id)
    return true
  }

  async appendUpdates(
    planId: string,
    entries: NewLogEntry[],
    guard?: AppendGuard,
  ): Promise<string[]> {
    const flat = entries.flatMap(({ update, author, cells }) => [
      toBuffer(update),
      author,
      cells && cells.length > 0
        ? JSON.stringify(
            cells.map((c) => [
              c.measure,
              c.key,
              c.period,
              c.value,
              c.previous ?? null,
              c.shown ?? null,
              c.source ?? null,
            ]),
          )
        : '',
    ])
    const { meta, log, hist } = this.keys.plan(planId)
    const at = new Date().toISOString()
    // An append that will not wait for a replica tells the followers in its own script: one
    // Redis round trip less between an edit and the other instances' clients. One that waits
    // tells them only once the replicas hold it.
    const waits = await this.connection.waitsFor(log)
    const notice = {
      command: waits ? '' : this.connection.shardedPubSub ? 'SPUBLISH' : 'PUBLISH',
      channel: this.keys.channel(planId, 'appended'),
      inlineBytes: INLINE_NOTICE_BYTES,
    } as const
    let appended: Awaited<ReturnType<typeof this.client.appendScript>>
    try {
      appended = await this.client.appendScript(
        [meta, log, hist],
        at,
        guard ? String(guard.documentEpoch) : '',
        notice,
        flat,
      )
    } catch (error) {
      const refused = new RegExp(`^${EPOCH_ERROR} (\\d+)$`).exec((error as Error).message)
      if (refused) throw new EpochChangedError(planId, Number(refused[1]))
      throw error
    }
    if (appended === null) throw new PlanMissingError(planId)
    const { ids, previousSeq, documentEpoch, published } = appended
    // Neither `saved` nor the other instances hear of entries a failover could still lose.
    if (ids.length > 0) await this.connection.replicated(log)
    // Entries go with the notice only when the log knows what they follow (plans created
    // before the last id was kept learn it with this append).
    if (ids.length > 0 && !published)
      this.feed.notifyAppended(
        planId,
        ids[ids.length - 1],
        previousSeq === undefined
          ? undefined
          : {
              previousSeq,
              documentEpoch,
              entries: entries.map(({ update, author }, i) => ({
                seq: ids[i],
                update,
                author,
                at,
              })),
            },
      )
    return ids
  }

  /**
   * One page of log entries after `afterSeq` (from the start when undefined) and through
   * `throughSeq` (to the end when undefined), oldest first, with the last entry the snapshot
   * covers.
   */
  async readLogAfter(
    planId: string,
    afterSeq: string | undefined,
    throughSeq?: string,
  ): Promise<LogPage> {
    const { meta, log } = this.keys.plan(planId)
    const page = await this.connection.binary.readLogScript(
      [meta, log],
      afterSeq ? `(${afterSeq}` : '-',
      LOG_PAGE,
      throughSeq ?? '+',
    )
    return {
      compactedThrough: page.compactedThrough,
      documentEpoch: page.documentEpoch,
      entries: page.entries.map(toLoggedUpdate),
    }
  }

  async loadPlan(planId: string): Promise<StoredPlanState | undefined> {
    const { snap, log, meta } = this.keys.plan(planId)
    const stored = await this.connection.binary.loadScript([snap, log, meta])
    if (!stored) return undefined
    const clientOwners = JSON.parse(stored.owners?.toString() ?? '{}') as ClientOwners
    return {
      snapshot: new Uint8Array(stored.snapshot),
      clientOwners,
      updates: stored.updates.map(toLoggedUpdate),
      snapshotEpoch: stored.epoch,
      documentEpoch: stored.documentEpoch,
      ...(stored.compactedThrough ? { compactedThrough: stored.compactedThrough } : {}),
    }
  }

  async compact(planId: string, compaction: Compaction): Promise<CompactionResult> {
    const { meta, snap, log } = this.keys.plan(planId)
    const reply = await this.client.compactScript(
      [meta, snap, log],
      toBuffer(compaction.snapshot),
      {
        minId: nextStreamId(compaction.throughSeq),
        owners: JSON.stringify(compaction.clientOwners),
        basedOnEpoch: compaction.basedOnEpoch,
        throughSeq: compaction.throughSeq,
      },
    )
    if (!reply) throw new PlanMissingError(planId)
    if (reply.written) await this.connection.replicated(log)
    return reply.written
      ? { written: true, epoch: reply.epoch }
      : { written: false, storedEpoch: reply.epoch }
  }

  async changeEpoch(planId: string, change: EpochChange): Promise<EpochChangeResult> {
    const { meta, snap, log } = this.keys.plan(planId)
    const reply = await this.client.changeEpochScript(
      [meta, snap, log],
      toBuffer(change.snapshot),
      {
        owners: JSON.stringify(change.clientOwners),
        basedOnEpoch: change.basedOnEpoch,
        throughSeq: change.throughSeq ?? '',
        documentEpoch: change.documentEpoch,
      },
    )
    if (!reply) throw new PlanMissingError(planId)
    const [written, first, second] = reply
    if (written !== 1)
      return {
        written: false,
        reason: second === 1 ? 'behind' : 'stale',
        storedDocumentEpoch: first,
      }
    await this.connection.replicated(log)
    // Followers read a page on this notice, see the new epoch and hand their rooms the new state.
    this.feed.notifyAppended(planId, change.throughSeq ?? '0-0')
    return { written: true, snapshotEpoch: first, documentEpoch: second }
  }
}

function toLoggedUpdate({
  seq,
  fields,
}: {
  seq: string
  fields: Map<string, Buffer>
}): LoggedUpdate {
  return {
    seq,
    update: new Uint8Array(fields.get(UPDATE_FIELD) ?? new Uint8Array()),
    author: fields.get(AUTHOR_FIELD)?.toString() ?? '',
    at: fields.get(TIME_FIELD)?.toString() ?? '',
  }
}

function toRecord(hash: Record<string, string>): PlanRecord {
  return {
    id: hash.id,
    name: hash.name,
    periodKind: hash.periodKind === 'month' ? 'month' : 'week',
    firstPeriod: hash.firstPeriod,
    periodCount: Number(hash.periodCount),
    skuCount: Number(hash.skuCount),
    createdAt: hash.createdAt,
  }
}
