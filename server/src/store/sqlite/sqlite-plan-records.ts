import type Database from 'better-sqlite3'
import type { Measure } from '@tandem/shared'
import type { MeetingMinutes } from '@tandem/shared'
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

interface VersionRow {
  plan_id: string
  id: string
  name: string
  note: string
  author: string
  created_at: string
  kind: string | null
  minutes: string | null
}

interface HistoryRow {
  value: number
  author: string
  at: string
  seq: number
  previous: number | null
  shown: number | null
  source: string | null
}

/**
 * Versions (with their accuracy extracts), cell history (written by SqlitePlanLog's append) and
 * read marks in SQLite.
 */
export class SqlitePlanRecords implements PlanRecords {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      inboxReads: db.prepare<[string, string], { item_id: string }>(
        'SELECT item_id FROM inbox_reads WHERE plan_id = ? AND user_id = ? ORDER BY item_id',
      ),
      planExists: db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM plans WHERE id = ?'),
      markInboxRead: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO inbox_reads (plan_id, user_id, item_id) VALUES (?, ?, ?)',
      ),
      markInboxUnread: db.prepare<[string, string, string]>(
        'DELETE FROM inbox_reads WHERE plan_id = ? AND user_id = ? AND item_id = ?',
      ),
      readMarks: db.prepare<[string, string], { thread_id: string; at: string }>(
        'SELECT thread_id, at FROM read_marks WHERE plan_id = ? AND user_id = ?',
      ),
      setReadMark: db.prepare<[string, string, string, string]>(
        `INSERT INTO read_marks (plan_id, user_id, thread_id, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (plan_id, user_id, thread_id) DO UPDATE SET at = MAX(at, excluded.at)`,
      ),
      cellHistory: db.prepare<[string, string, string, number, number], HistoryRow>(
        `SELECT value, author, at, seq, previous, shown, source FROM cell_history
         WHERE plan_id = ? AND measure = ? AND key = ? AND period = ? ORDER BY seq DESC LIMIT ?`,
      ),
      lastAuthors: db.prepare<[string, string], { key: string; period: number; author: string }>(
        `SELECT key, period, author, MAX(seq) AS seq FROM cell_history
         WHERE plan_id = ? AND measure = ? GROUP BY key, period`,
      ),
      activity: db.prepare<
        [string, number],
        { seq: number; author: string; at: string; cells: number; measures: string; keys: string }
      >(
        `SELECT seq, author, at, COUNT(*) AS cells, GROUP_CONCAT(DISTINCT measure) AS measures,
         GROUP_CONCAT(DISTINCT key) AS keys FROM cell_history WHERE plan_id = ?
         GROUP BY seq ORDER BY seq DESC LIMIT ?`,
      ),
      insertVersion: db.prepare(
        `INSERT INTO versions (plan_id, id, name, note, author, created_at, snapshot, kind, minutes)
         VALUES (@planId, @id, @name, @note, @author, @createdAt, @snapshot, @kind, @minutes)`,
      ),
      versions: db.prepare<[string], VersionRow>(
        'SELECT plan_id, id, name, note, author, created_at, kind, minutes FROM versions WHERE plan_id = ? ORDER BY created_at, id',
      ),
      version: db.prepare<[string, string], VersionRow & { snapshot: Buffer }>(
        'SELECT plan_id, id, name, note, author, created_at, kind, minutes, snapshot FROM versions WHERE plan_id = ? AND id = ?',
      ),
      saveExtract: db.prepare<[Uint8Array, string, string]>(
        `INSERT OR REPLACE INTO accuracy_extracts (plan_id, version_id, extract)
         SELECT plan_id, id, ? FROM versions WHERE plan_id = ? AND id = ?`,
      ),
      extract: db.prepare<[string, string], { extract: Buffer }>(
        'SELECT extract FROM accuracy_extracts WHERE plan_id = ? AND version_id = ?',
      ),
    }
  }

  async cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]> {
    return this.statements.cellHistory
      .all(planId, cell.measure, cell.key, cell.period, limit)
      .map(({ value, author, at, seq, previous, shown, source }) => ({
        value,
        author,
        at,
        seq: String(seq),
        ...(previous === null ? {} : { previous }),
        ...(shown === null ? {} : { shown }),
        ...(isEditSource(source) ? { source } : {}),
      }))
  }

  async lastAuthors(planId: string, measure: Measure): Promise<Record<string, string>> {
    const authors: Record<string, string> = {}
    for (const row of this.statements.lastAuthors.all(planId, measure))
      authors[`${row.key}@${row.period}`] = row.author
    return authors
  }

  async activity(planId: string, limit: number): Promise<ActivityEntry[]> {
    return this.statements.activity.all(planId, limit).map((row) => ({
      seq: String(row.seq),
      author: row.author,
      at: row.at,
      cells: row.cells,
      measures: row.measures.split(',') as Measure[],
      keys: row.keys.split(',').slice(0, 10),
    }))
  }

  async createVersion(record: VersionRecord, snapshot: Uint8Array): Promise<void> {
    try {
      const minutes = record.minutes ? JSON.stringify(record.minutes) : null
      this.statements.insertVersion.run({ ...record, snapshot, minutes })
    } catch (error) {
      const code = String((error as { code?: string }).code)
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new VersionExistsError(record.id)
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new PlanMissingError(record.planId)
      throw error
    }
  }

  async listVersions(planId: string): Promise<VersionRecord[]> {
    return this.statements.versions.all(planId).map(toVersion)
  }

  async loadVersion(
    planId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; snapshot: Uint8Array } | undefined> {
    const row = this.statements.version.get(planId, versionId)
    return row && { record: toVersion(row), snapshot: new Uint8Array(row.snapshot) }
  }

  async saveAccuracyExtract(planId: string, versionId: string, extract: Uint8Array): Promise<void> {
    this.statements.saveExtract.run(extract, planId, versionId)
  }

  async loadAccuracyExtract(planId: string, versionId: string): Promise<Uint8Array | undefined> {
    const row = this.statements.extract.get(planId, versionId)
    return row && new Uint8Array(row.extract)
  }

  async getReadMarks(planId: string, userId: string): Promise<Record<string, string>> {
    const marks: Record<string, string> = {}
    for (const { thread_id, at } of this.statements.readMarks.all(planId, userId))
      marks[thread_id] = at
    return marks
  }

  async setReadMark(planId: string, userId: string, threadId: string, at: string): Promise<void> {
    try {
      this.statements.setReadMark.run(planId, userId, threadId, at)
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new PlanMissingError(planId)
      throw error
    }
  }

  async getInboxReads(planId: string, userId: string): Promise<string[]> {
    return this.statements.inboxReads.all(planId, userId).map(({ item_id }) => item_id)
  }

  async setInboxReads(
    planId: string,
    userId: string,
    itemIds: string[],
    read: boolean,
  ): Promise<void> {
    const { planExists, markInboxRead, markInboxUnread } = this.statements
    const mark = read ? markInboxRead : markInboxUnread
    this.db.transaction(() => {
      if (!planExists.get(planId)) throw new PlanMissingError(planId)
      for (const itemId of itemIds) mark.run(planId, userId, itemId)
    })()
  }
}

function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    name: row.name,
    note: row.note,
    author: row.author,
    createdAt: row.created_at,
    kind: isVersionKind(row.kind) ? row.kind : 'manual',
    ...(row.minutes ? { minutes: JSON.parse(row.minutes) as MeetingMinutes } : {}),
  }
}
