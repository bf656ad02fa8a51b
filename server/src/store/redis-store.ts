import type { CommandParser } from 'redis'
import { createClient, defineScript, RESP_TYPES } from 'redis'
import type { Measure, Role } from '@tandem/shared'
import { isRole } from '@tandem/shared'
import { RedisPlanFeed } from './redis-plan-feed.js'
import type {
  ActivityEntry,
  LoggedUpdate,
  CellChange,
  CellHistoryEntry,
  ClientOwners,
  NewLogEntry,
  PlanRecord,
  PlanStore,
  StoredPlanState,
  VersionRecord,
} from './plan-store.js'
import { PlanExistsError, PlanMissingError, VersionExistsError } from './plan-store.js'
import type { UserPatch, UserRecord } from './user-record.js'
import { UserExistsError } from './user-record.js'

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
  roles: string
  hist: string
  versions: string
  reads: string
}

const UPDATE_FIELD = 'u'
const AUTHOR_FIELD = 'a'
const TIME_FIELD = 't'
const OWNERS_FIELD = 'clientOwners'
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
/** History queries scan at most this many updates that set cells, newest first. */
const HISTORY_SCAN_LIMIT = 200_000
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

/** Appends each update to the log and, when it set cells, one entry to the history stream. */
const appendScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return false end
    local ids = {}
    for i = 2, #ARGV, 3 do
      local id = redis.call('XADD', KEYS[2], '*', '${UPDATE_FIELD}', ARGV[i], '${AUTHOR_FIELD}', ARGV[i + 1], '${TIME_FIELD}', ARGV[1])
      ids[#ids + 1] = id
      if ARGV[i + 2] ~= '' then
        redis.call('XADD', KEYS[3], '*', 's', id, '${AUTHOR_FIELD}', ARGV[i + 1], '${TIME_FIELD}', ARGV[1], 'c', ARGV[i + 2])
      end
    end
    return ids`,
  parseCommand(parser: CommandParser, keys: PlanKeys, at: string, entries: (Buffer | string)[]) {
    parser.pushKeys([keys.meta, keys.log, keys.hist])
    parser.push(at, ...entries)
  },
  transformReply: (reply: string[] | null) => reply,
})

const compactScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
    redis.call('SET', KEYS[2], ARGV[1])
    redis.call('HSET', KEYS[1], '${OWNERS_FIELD}', ARGV[3])
    redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
    return 1`,
  parseCommand(
    parser: CommandParser,
    keys: PlanKeys,
    snapshot: Buffer,
    minId: string,
    owners: string,
  ) {
    parser.pushKeys([keys.meta, keys.snap, keys.log])
    parser.push(snapshot, minId, owners)
  },
  transformReply: (reply: number) => reply === 1,
})

/** The snapshot, then XRANGE's entries: each an id and its `[field, value]` list. */
type LoadReply = [
  snapshot: Buffer,
  owners: Buffer | null,
  entries: [id: Buffer, fields: Buffer[]][],
]

/**
 * One script, so no compaction falls between reading the snapshot and the log. Not MULTI:
 * node-redis 6.3 decodes EXEC's reply without the Buffer mapping, which mangles binary values.
 */
const loadScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    local snapshot = redis.call('GET', KEYS[1])
    if not snapshot then return false end
    return {snapshot, redis.call('HGET', KEYS[3], '${OWNERS_FIELD}'), redis.call('XRANGE', KEYS[2], '-', '+')}`,
  parseCommand(parser: CommandParser, keys: PlanKeys) {
    parser.pushKeys([keys.snap, keys.log, keys.meta])
  },
  transformReply: (reply: LoadReply | null) =>
    reply && {
      snapshot: reply[0],
      owners: reply[1],
      updates: reply[2].map(([id, fields]) => ({
        seq: id.toString(),
        fields: streamFields(fields),
      })),
    },
})

/** Stores a version unless its id is taken; versions are immutable. */
const createVersionScript = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
    if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
    redis.call('SET', KEYS[3], ARGV[3])
    return 1`,
  parseCommand(
    parser: CommandParser,
    keys: [string, string, string],
    id: string,
    record: string,
    snapshot: Buffer,
  ) {
    parser.pushKeys(keys)
    parser.push(id, record, snapshot)
  },
  transformReply: (reply: number) => reply,
})

/** Moves a user's read mark of a thread forward (ISO times compare as strings). */
const readMarkScript = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
    local current = redis.call('HGET', KEYS[2], ARGV[1])
    if current and current >= ARGV[2] then return 0 end
    redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
    return 1`,
  parseCommand(parser: CommandParser, keys: [string, string], field: string, at: string) {
    parser.pushKeys(keys)
    parser.push(field, at)
  },
  transformReply: (reply: number) => reply,
})

const scripts = {
  createPlanScript,
  appendScript,
  compactScript,
  loadScript,
  createVersionScript,
  readMarkScript,
}

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
  readonly feed: RedisPlanFeed
  private readonly binary

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
    url: string,
  ) {
    this.binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
    this.feed = new RedisPlanFeed(
      url,
      (channel, message) => this.client.publish(channel, message),
      prefix,
      (planId, afterSeq) => this.readLogAfter(planId, afterSeq),
    )
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
    return new RedisStore(client, options.prefix ?? 'tandem', url)
  }

  private keys(planId: string): PlanKeys {
    const base = `${this.prefix}:{${planId}}`
    return {
      meta: `${base}:meta`,
      snap: `${base}:snap`,
      log: `${base}:log`,
      roles: `${base}:roles`,
      hist: `${base}:hist`,
      versions: `${base}:versions`,
      reads: `${base}:reads`,
    }
  }

  private get indexKey(): string {
    return `${this.prefix}:plans`
  }

  async createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void> {
    // The index lives in another slot, so it cannot join the script; a stale id there is
    // skipped by listPlans, which is why it is added first.
    await this.client.sAdd(this.indexKey, record.id)
    const fields = [
      ...RECORD_FIELDS.flatMap((field) => [field, String(record[field])]),
      OWNERS_FIELD,
      '{}',
    ]
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
    const { meta, snap, log, roles, hist, versions, reads } = this.keys(id)
    const versionIds = await this.client.hKeys(versions)
    const versionKeys = versionIds.map((versionId) => `${versions}:${versionId}`)
    const deleted = await this.client.del([
      meta,
      snap,
      log,
      roles,
      hist,
      versions,
      reads,
      ...versionKeys,
    ])
    if (deleted === 0) return false
    await this.client.sRem(this.indexKey, id)
    return true
  }

  async appendUpdates(planId: string, entries: NewLogEntry[]): Promise<string[]> {
    const flat = entries.flatMap(({ update, author, cells }) => [
      toBuffer(update),
      author,
      cells && cells.length > 0
        ? JSON.stringify(cells.map((c) => [c.measure, c.key, c.period, c.value]))
        : '',
    ])
    const ids = await this.client.appendScript(this.keys(planId), new Date().toISOString(), flat)
    if (ids === null) throw new PlanMissingError(planId)
    if (ids.length > 0) this.feed.notifyAppended(planId, ids[ids.length - 1])
    return ids
  }

  /** Log entries after `afterSeq` (all of them when undefined), oldest first, 1,000 at most. */
  async readLogAfter(planId: string, afterSeq: string | undefined): Promise<LoggedUpdate[]> {
    const entries = await this.binary.xRange(
      this.keys(planId).log,
      afterSeq ? `(${afterSeq}` : '-',
      '+',
      { COUNT: 1000 },
    )
    return (entries ?? []).map(({ id, message }) => {
      const fields = message as unknown as Record<string, Buffer>
      return {
        seq: id.toString(),
        update: new Uint8Array(fields[UPDATE_FIELD] ?? new Uint8Array()),
        author: fields[AUTHOR_FIELD]?.toString() ?? '',
        at: fields[TIME_FIELD]?.toString() ?? '',
      }
    })
  }

  async loadPlan(planId: string): Promise<StoredPlanState | undefined> {
    const stored = await this.binary.loadScript(this.keys(planId))
    if (!stored) return undefined
    const updates = stored.updates.map(({ seq, fields }) => ({
      seq,
      update: new Uint8Array(fields.get(UPDATE_FIELD) ?? new Uint8Array()),
      author: fields.get(AUTHOR_FIELD)?.toString() ?? '',
      at: fields.get(TIME_FIELD)?.toString() ?? '',
    }))
    const clientOwners = JSON.parse(stored.owners?.toString() ?? '{}') as ClientOwners
    return { snapshot: new Uint8Array(stored.snapshot), clientOwners, updates }
  }

  async compact(
    planId: string,
    snapshot: Uint8Array,
    throughSeq: string,
    clientOwners: ClientOwners,
  ): Promise<void> {
    const keys = this.keys(planId)
    const minId = nextStreamId(throughSeq)
    if (
      !(await this.client.compactScript(
        keys,
        toBuffer(snapshot),
        minId,
        JSON.stringify(clientOwners),
      ))
    )
      throw new PlanMissingError(planId)
  }

  async cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]> {
    const found: CellHistoryEntry[] = []
    for await (const entry of this.historyNewestFirst(planId)) {
      for (const [measure, key, period, value] of entry.cells) {
        if (measure === cell.measure && key === cell.key && period === cell.period) {
          found.push({ value, author: entry.author, at: entry.at, seq: entry.seq })
        }
      }
      if (found.length >= limit) break
    }
    return found.slice(0, limit)
  }

  async activity(planId: string, limit: number): Promise<ActivityEntry[]> {
    const feed: ActivityEntry[] = []
    for await (const entry of this.historyNewestFirst(planId)) {
      const measures = [...new Set(entry.cells.map(([measure]) => measure))] as Measure[]
      const keys = [...new Set(entry.cells.map(([, key]) => key))].slice(0, 10)
      feed.push({
        seq: entry.seq,
        author: entry.author,
        at: entry.at,
        cells: entry.cells.length,
        measures,
        keys,
      })
      if (feed.length >= limit) break
    }
    return feed
  }

  /** Walks the history stream backwards in pages, at most HISTORY_SCAN_LIMIT entries. */
  private async *historyNewestFirst(planId: string) {
    const key = this.keys(planId).hist
    let end = '+'
    let scanned = 0
    while (scanned < HISTORY_SCAN_LIMIT) {
      const page = await this.client.xRevRange(key, end, '-', { COUNT: 500 })
      if (!page || page.length === 0) return
      for (const { id, message } of page) {
        scanned++
        const cells = JSON.parse(message.c ?? '[]') as [string, string, number, number][]
        yield {
          seq: message.s ?? id,
          author: message[AUTHOR_FIELD] ?? '',
          at: message[TIME_FIELD] ?? '',
          cells,
        }
      }
      end = `(${page[page.length - 1].id}`
    }
  }

  async createVersion(record: VersionRecord, snapshot: Uint8Array): Promise<void> {
    const keys = this.keys(record.planId)
    const created = await this.client.createVersionScript(
      [keys.meta, keys.versions, `${keys.versions}:${record.id}`],
      record.id,
      JSON.stringify(record),
      toBuffer(snapshot),
    )
    if (created === -1) throw new PlanMissingError(record.planId)
    if (created === 0) throw new VersionExistsError(record.id)
  }

  async listVersions(planId: string): Promise<VersionRecord[]> {
    const hash = await this.client.hGetAll(this.keys(planId).versions)
    return Object.values(hash)
      .map((json) => JSON.parse(json) as VersionRecord)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
  }

  async loadVersion(
    planId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; snapshot: Uint8Array } | undefined> {
    const keys = this.keys(planId)
    const json = await this.client.hGet(keys.versions, versionId)
    if (json === null) return undefined
    const snapshot = await this.binary.get(`${keys.versions}:${versionId}`)
    if (!snapshot) return undefined
    return { record: JSON.parse(json) as VersionRecord, snapshot: new Uint8Array(snapshot) }
  }

  async getReadMarks(planId: string, userId: string): Promise<Record<string, string>> {
    const marks: Record<string, string> = {}
    const prefix = `${userId}\u0000`
    for (const [field, at] of Object.entries(await this.client.hGetAll(this.keys(planId).reads))) {
      if (field.startsWith(prefix)) marks[field.slice(prefix.length)] = at
    }
    return marks
  }

  async setReadMark(planId: string, userId: string, threadId: string, at: string): Promise<void> {
    const keys = this.keys(planId)
    const marked = await this.client.readMarkScript(
      [keys.meta, keys.reads],
      `${userId}\u0000${threadId}`,
      at,
    )
    if (marked === -1) throw new PlanMissingError(planId)
  }

  async createUser(user: UserRecord): Promise<void> {
    const claimed = await this.client.set(this.emailKey(user.email), user.id, { condition: 'NX' })
    if (claimed !== 'OK') throw new UserExistsError(user.email)
    await this.client.hSet(this.userKey(user.id), userFields(user))
    await this.client.sAdd(`${this.prefix}:users`, user.id)
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const hash = await this.client.hGetAll(this.userKey(id))
    return Object.keys(hash).length === 0 ? undefined : toUser(hash)
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const id = await this.client.get(this.emailKey(email))
    return id === null ? undefined : this.getUser(id)
  }

  async listUsers(): Promise<UserRecord[]> {
    const ids = await this.client.sMembers(`${this.prefix}:users`)
    const users = await Promise.all(ids.map((id) => this.getUser(id)))
    return users
      .filter((user) => user !== undefined)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.email, b.email))
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const user = await this.getUser(id)
    if (!user) return undefined
    const updated = { ...user, ...patch }
    await this.client.hSet(this.userKey(id), userFields(updated))
    return updated
  }

  async setPlanRole(planId: string, userId: string, role: Role | null): Promise<void> {
    const key = this.keys(planId).roles
    if (role === null) await this.client.hDel(key, userId)
    else await this.client.hSet(key, userId, role)
  }

  async getPlanRoles(planId: string): Promise<Record<string, Role>> {
    const hash = await this.client.hGetAll(this.keys(planId).roles)
    const roles: Record<string, Role> = {}
    for (const [userId, role] of Object.entries(hash)) if (isRole(role)) roles[userId] = role
    return roles
  }

  async ensureSetting(key: string, value: string): Promise<string> {
    const settings = `${this.prefix}:settings`
    await this.client.hSetNX(settings, key, value)
    return (await this.client.hGet(settings, key)) ?? value
  }

  private userKey(id: string): string {
    return `${this.prefix}:user:${id}`
  }

  private emailKey(email: string): string {
    return `${this.prefix}:user-email:${email}`
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
    await this.feed.close()
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

function streamFields(fields: Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i].toString(), fields[i + 1])
  return map
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

function userFields(user: UserRecord): Record<string, string> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    isAdmin: user.isAdmin ? '1' : '0',
    defaultRole: user.defaultRole ?? '',
    disabled: user.disabled ? '1' : '0',
    createdAt: user.createdAt,
  }
}

function toUser(hash: Record<string, string>): UserRecord {
  return {
    id: hash.id,
    email: hash.email,
    name: hash.name,
    passwordHash: hash.passwordHash,
    isAdmin: hash.isAdmin === '1',
    defaultRole: isRole(hash.defaultRole) ? hash.defaultRole : null,
    disabled: hash.disabled === '1',
    createdAt: hash.createdAt,
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
