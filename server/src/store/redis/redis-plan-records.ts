import type { Measure } from '@tandem/shared'
import { isEditSource, isVersionKind } from '@tandem/shared'
import type { CellChange } from '../plan-log.js'
import { PlanMissingError } from '../plan-log.js'
import type {
  ActivityEntry,
  CellHistoryEntry,
  PlanRecords,
  VersionRecord,
} from '../plan-records.js'
import { VersionExistsError } from '../plan-records.js'
import { compare, toBuffer } from './redis-codec.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import { AUTHOR_FIELD, TIME_FIELD } from './redis-scripts.js'

/** A cell change as the history stream keeps it; entries written before sources have four. */
type StoredCell = [string, string, number, number, (number | null)?, (number | null)?, unknown?]

/** History queries scan at most this many updates that set cells, newest first. */
const HISTORY_SCAN_LIMIT = 200_000

/**
 * A plan's records in Redis, under the plan's hash tag: `hist` (stream of cell changes, written
 * by RedisPlanLog's append script), `versions` (hash of records) with `versions:<id>`
 * (snapshots), `accuracy` (hash of the versions' accuracy extracts), and `reads` (hash of read
 * marks by user and thread).
 */
export class RedisPlanRecords implements PlanRecords {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  private get client() {
    return this.connection.client
  }

  async cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]> {
    const found: CellHistoryEntry[] = []
    for await (const entry of this.historyNewestFirst(planId)) {
      for (const [measure, key, period, value, previous, shown, source] of entry.cells) {
        if (measure === cell.measure && key === cell.key && period === cell.period) {
          found.push({
            value,
            author: entry.author,
            at: entry.at,
            seq: entry.seq,
            ...(typeof previous === 'number' ? { previous } : {}),
            ...(typeof shown === 'number' ? { shown } : {}),
            ...(isEditSource(source) ? { source } : {}),
          })
        }
      }
      if (found.length >= limit) break
    }
    return found.slice(0, limit)
  }

  async lastAuthors(planId: string, measure: Measure): Promise<Record<string, string>> {
    const authors: Record<string, string> = {}
    for await (const entry of this.historyNewestFirst(planId))
      for (const [cellMeasure, key, period] of entry.cells) {
        const cell = `${key}@${period}`
        if (cellMeasure === measure && !Object.hasOwn(authors, cell)) authors[cell] = entry.author
      }
    return authors
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
    const key = this.keys.plan(planId).hist
    let end = '+'
    let scanned = 0
    while (scanned < HISTORY_SCAN_LIMIT) {
      const page = await this.client.xRevRange(key, end, '-', { COUNT: 500 })
      if (!page || page.length === 0) return
      for (const { id, message } of page) {
        scanned++
        const cells = JSON.parse(message.c ?? '[]') as StoredCell[]
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
    const { meta, versions } = this.keys.plan(record.planId)
    const created = await this.client.createVersionScript(
      [meta, versions, this.keys.version(record.planId, record.id)],
      record.id,
      JSON.stringify(record),
      toBuffer(snapshot),
    )
    if (created === -1) throw new PlanMissingError(record.planId)
    if (created === 0) throw new VersionExistsError(record.id)
  }

  async listVersions(planId: string): Promise<VersionRecord[]> {
    const hash = await this.client.hGetAll(this.keys.plan(planId).versions)
    return Object.values(hash)
      .map(parseVersion)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
  }

  async loadVersion(
    planId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; snapshot: Uint8Array } | undefined> {
    const json = await this.client.hGet(this.keys.plan(planId).versions, versionId)
    if (json === null) return undefined
    const snapshot = await this.connection.binary.get(this.keys.version(planId, versionId))
    if (!snapshot) return undefined
    return { record: parseVersion(json), snapshot: new Uint8Array(snapshot) }
  }

  async saveAccuracyExtract(planId: string, versionId: string, extract: Uint8Array): Promise<void> {
    const { meta, versions, accuracy } = this.keys.plan(planId)
    await this.client.saveAccuracyExtractScript(
      [meta, versions, accuracy],
      versionId,
      toBuffer(extract),
    )
  }

  async loadAccuracyExtract(planId: string, versionId: string): Promise<Uint8Array | undefined> {
    const extract = await this.connection.binary.hGet(this.keys.plan(planId).accuracy, versionId)
    return extract ? new Uint8Array(extract) : undefined
  }

  async getReadMarks(planId: string, userId: string): Promise<Record<string, string>> {
    const marks: Record<string, string> = {}
    const prefix = `${userId}\u0000`
    for (const [field, at] of Object.entries(
      await this.client.hGetAll(this.keys.plan(planId).reads),
    )) {
      if (field.startsWith(prefix)) marks[field.slice(prefix.length)] = at
    }
    return marks
  }

  async setReadMark(planId: string, userId: string, threadId: string, at: string): Promise<void> {
    const { meta, reads } = this.keys.plan(planId)
    const marked = await this.client.readMarkScript([meta, reads], `${userId}\u0000${threadId}`, at)
    if (marked === -1) throw new PlanMissingError(planId)
  }

  async getInboxReads(planId: string, userId: string): Promise<string[]> {
    const prefix = `${userId}\u0000`
    const fields = await this.client.hKeys(this.keys.plan(planId).inbox)
    return fields
      .filter((field) => field.startsWith(prefix))
      .map((field) => field.slice(prefix.length))
      .sort()
  }

  async setInboxReads(
    planId: string,
    userId: string,
    itemIds: string[],
    read: boolean,
  ): Promise<void> {
    const { meta, inbox } = this.keys.plan(planId)
    const fields = itemIds.map((itemId) => `${userId}\u0000${itemId}`)
    const marked = await this.client.inboxReadsScript([meta, inbox], read, fields)
    if (marked === -1) throw new PlanMissingError(planId)
  }
}

/** A stored version record; records from before versions had a kind read as `manual`. */
function parseVersion(json: string): VersionRecord {
  const record = JSON.parse(json) as Omit<VersionRecord, 'kind'> & { kind?: unknown }
  return { ...record, kind: isVersionKind(record.kind) ? record.kind : 'manual' }
}
