import type { CommandParser } from 'redis'
import { createClient, defineScript, RESP_TYPES } from 'redis'
import type { PlanRecord, PlanStore, StoredPlanState } from './plan-store.js'
import { PlanExistsError, PlanMissingError } from './plan-store.js'

/** Options of {@link RedisStore.connect}. */
export interface RedisStoreOptions {
  /** First part of every key; tests use a unique one each. Defaults to `tandem`. */
  prefix?: string
  /** Receives connection errors; the client reconnects by itself. Defaults to ignoring them. */
  onError?: (error: Error) => void
}

/** The keys of one plan. They share the hash tag `{planId}`, so they live in one cluster slot. */
interface PlanKeys {
  meta: string
  snap: string
  log: string
}

const UPDATE_FIELD = 'u'
const RECORD_FIELDS = [
  'id',
  'name',
  'periodKind',
  'firstPeriod',
  'periodCount',
  'skuCount',
  'createdAt',
] as const satisfies readonly (keyof PlanRecord)[]
const PING_TIMEOUT_MS = 2_000
const MAX_RECONNECT_DELAY_MS = 2_000

const createPlanScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
    redis.call('DEL', KEYS[3])
    redis.call('SET', KEYS[2], ARGV[1])
    redis.call('HSET', KEYS[1], unpack(ARGV, 2))
    return 1`,
  parseCommand(parser: CommandParser, keys: PlanKeys, snapshot: Buffer, fields: string[]) {
    parser.pushKeys([keys.meta, keys.snap, keys.log])
    parser.push(snapshot, ...fields)
  },
  transformReply: (reply: number) => reply === 1,
})

const appendScript = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return false end
    local ids = {}
    for i = 1, #ARGV do ids[i] = redis.call('XADD', KEYS[2], '*', '${UPDATE_FIELD}', ARGV[i]) end
    return ids`,
  parseCommand(parser: CommandParser, keys: PlanKeys, updates: Buffer[]) {
    parser.pushKeys([keys.meta, keys.log])
    parser.push(...updates)
  },
  transformReply: (reply: string[] | null) => reply,
})

const compactScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
    redis.call('SET', KEYS[2], ARGV[1])
    redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
    return 1`,
  parseCommand(parser: CommandParser, keys: PlanKeys, snapshot: Buffer, minId: string) {
    parser.pushKeys([keys.meta, keys.snap, keys.log])
    parser.push(snapshot, minId)
  },
  transformReply: (reply: number) => reply === 1,
})

/** The snapshot, then XRANGE's entries: each an id and its `[field, value]` list. */
type LoadReply = [snapshot: Buffer, entries: [id: Buffer, fields: Buffer[]][]]

/**
 * One script, so no compaction falls between reading the snapshot and the log. Not MULTI:
 * node-redis 6.3 decodes EXEC's reply without the Buffer mapping, which mangles binary values.
 */
const loadScript = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
    local snapshot = redis.call('GET', KEYS[1])
    if not snapshot then return false end
    return {snapshot, redis.call('XRANGE', KEYS[2], '-', '+')}`,
  parseCommand(parser: CommandParser, keys: PlanKeys) {
    parser.pushKeys([keys.snap, keys.log])
  },
  transformReply: (reply: LoadReply | null) =>
    reply && {
      snapshot: reply[0],
      updates: reply[1].map(([id, fields]) => ({ seq: id.toString(), update: fields[1] })),
    },
})

const scripts = { createPlanScript, appendScript, compactScript, loadScript }

function openClient(
  url: string,
  reconnectStrategy: (retries: number, cause: Error) => number | Error,
) {
  return createClient({ url, scripts, socket: { reconnectStrategy } })
}

type Client = ReturnType<typeof openClient>

/**
 * The shared store, through node-redis. Per plan: a stream `log` (one entry per update, the
 * entry id is the seq), a string `snap` and a hash `meta`; a set lists the plan ids. Writes that
 * must be atomic run as Lua scripts that declare every key they touch.
 */
export class RedisStore implements PlanStore {
  readonly kind = 'redis'
  private readonly binary

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {
    this.binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
  }

  /** Connects to `url` (`redis://…`) and resolves once the connection is ready. */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    let connected = false
    const client = openClient(url, (retries, cause) =>
      connected ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    )
    client.on('error', options.onError ?? (() => {}))
    await client.connect()
    connected = true
    return new RedisStore(client, options.prefix ?? 'tandem')
  }

  private keys(planId: string): PlanKeys {
    const base = `${this.prefix}:{${planId}}`
    return { meta: `${base}:meta`, snap: `${base}:snap`, log: `${base}:log` }
  }

  private get indexKey(): string {
    return `${this.prefix}:plans`
  }

  async createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void> {
    // The index lives in another slot, so it cannot join the script; a stale id there is
    // skipped by listPlans, which is why it is added first.
    await this.client.sAdd(this.indexKey, record.id)
    const fields = RECORD_FIELDS.flatMap((field) => [field, String(record[field])])
    const created = await this.client.createPlanScript(
      this.keys(record.id),
      toBuffer(snapshot),
      fields,
    )
    if (!created) throw new PlanExistsError(record.id)
  }

  async listPlans(): Promise<PlanRecord[]> {
    const ids = await this.client.sMembers(this.indexKey)
    const plans = await Promise.all(ids.map((id) => this.getPlan(id)))
    return plans
      .filter((plan) => plan !== undefined)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const hash = await this.client.hGetAll(this.keys(id).meta)
    return Object.keys(hash).length === 0 ? undefined : toRecord(hash)
  }

  async deletePlan(id: string): Promise<boolean> {
    const { meta, snap, log } = this.keys(id)
    const deleted = await this.client.del([meta, snap, log])
    if (deleted === 0) return false
    await this.client.sRem(this.indexKey, id)
    return true
  }

  async appendUpdates(planId: string, updates: Uint8Array[]): Promise<string[]> {
    const ids = await this.client.appendScript(this.keys(planId), updates.map(toBuffer))
    if (ids === null) throw new PlanMissingError(planId)
    return ids
  }

  async loadPlan(planId: string): Promise<StoredPlanState | undefined> {
    const stored = await this.binary.loadScript(this.keys(planId))
    if (!stored) return undefined
    const updates = stored.updates.map(({ seq, update }) => ({
      seq,
      update: new Uint8Array(update),
    }))
    return { snapshot: new Uint8Array(stored.snapshot), updates }
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: string): Promise<void> {
    const keys = this.keys(planId)
    const minId = nextStreamId(throughSeq)
    if (!(await this.client.compactScript(keys, toBuffer(snapshot), minId)))
      throw new PlanMissingError(planId)
  }

  async ping(): Promise<boolean> {
    if (!this.client.isReady) return false
    try {
      return (await this.client.withCommandOptions({ timeout: PING_TIMEOUT_MS }).ping()) === 'PONG'
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close()
    else if (this.client.isOpen) this.client.destroy()
  }
}

/** The smallest stream id after `id`, so that XTRIM MINID keeps exactly the later entries. */
export function nextStreamId(id: string): string {
  const match = /^(\d+)-(\d+)$/.exec(id)
  if (!match) throw new RangeError(`Not a stream id: ${id}`)
  const [ms, seq] = [BigInt(match[1]), BigInt(match[2])]
  return seq === 2n ** 64n - 1n ? `${ms + 1n}-0` : `${ms}-${seq + 1n}`
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
