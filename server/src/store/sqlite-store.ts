import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { LoggedUpdate, PlanRecord, PlanStore, StoredPlanState } from './plan-store.js'
import { PlanExistsError, PlanMissingError } from './plan-store.js'

interface PlanRow {
  id: string
  name: string
  period_kind: 'week' | 'month'
  first_period: string
  period_count: number
  sku_count: number
  created_at: string
}

/** The embedded store: one SQLite file in WAL mode, through better-sqlite3. */
export class SqliteStore implements PlanStore {
  readonly kind = 'sqlite'
  private readonly db: Database.Database
  private readonly statements

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS plans (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        period_kind TEXT NOT NULL,
        first_period TEXT NOT NULL,
        period_count INTEGER NOT NULL,
        sku_count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        snapshot BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS updates (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (plan_id, seq)
      ) WITHOUT ROWID;
    `)
    this.statements = {
      insertPlan: this.db.prepare(
        `INSERT INTO plans (id, name, period_kind, first_period, period_count, sku_count, created_at, snapshot)
         VALUES (@id, @name, @periodKind, @firstPeriod, @periodCount, @skuCount, @createdAt, @snapshot)`,
      ),
      listPlans: this.db.prepare<[], PlanRow>(
        'SELECT id, name, period_kind, first_period, period_count, sku_count, created_at FROM plans ORDER BY created_at, id',
      ),
      getPlan: this.db.prepare<[string], PlanRow>(
        'SELECT id, name, period_kind, first_period, period_count, sku_count, created_at FROM plans WHERE id = ?',
      ),
      deletePlan: this.db.prepare<[string]>('DELETE FROM plans WHERE id = ?'),
      lastSeq: this.db.prepare<[string], { seq: number }>(
        'SELECT last_seq AS seq FROM plans WHERE id = ?',
      ),
      setLastSeq: this.db.prepare<[number, string]>('UPDATE plans SET last_seq = ? WHERE id = ?'),
      insertUpdate: this.db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (plan_id, seq, data) VALUES (?, ?, ?)',
      ),
      snapshot: this.db.prepare<[string], { snapshot: Buffer }>(
        'SELECT snapshot FROM plans WHERE id = ?',
      ),
      updates: this.db.prepare<[string], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE plan_id = ? ORDER BY seq',
      ),
      setSnapshot: this.db.prepare<[Uint8Array, string]>(
        'UPDATE plans SET snapshot = ? WHERE id = ?',
      ),
      trim: this.db.prepare<[string, number]>('DELETE FROM updates WHERE plan_id = ? AND seq <= ?'),
      ping: this.db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
    }
  }

  async createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void> {
    try {
      this.statements.insertPlan.run({ ...record, snapshot })
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new PlanExistsError(record.id)
      throw error
    }
  }

  async listPlans(): Promise<PlanRecord[]> {
    return this.statements.listPlans.all().map(toRecord)
  }

  async getPlan(id: string): Promise<PlanRecord | undefined> {
    const row = this.statements.getPlan.get(id)
    return row && toRecord(row)
  }

  async deletePlan(id: string): Promise<boolean> {
    return this.statements.deletePlan.run(id).changes > 0
  }

  private readonly appendTransaction = (planId: string, updates: Uint8Array[]): string[] => {
    const last = this.statements.lastSeq.get(planId)
    if (!last) throw new PlanMissingError(planId)
    let seq = last.seq
    const seqs = updates.map((update) => {
      seq += 1
      this.statements.insertUpdate.run(planId, seq, update)
      return String(seq)
    })
    this.statements.setLastSeq.run(seq, planId)
    return seqs
  }

  async appendUpdates(planId: string, updates: Uint8Array[]): Promise<string[]> {
    return this.db.transaction(this.appendTransaction).immediate(planId, updates)
  }

  async loadPlan(planId: string): Promise<StoredPlanState | undefined> {
    return this.db.transaction((): StoredPlanState | undefined => {
      const row = this.statements.snapshot.get(planId)
      if (!row) return undefined
      const updates: LoggedUpdate[] = this.statements.updates
        .all(planId)
        .map(({ seq, data }) => ({ seq: String(seq), update: new Uint8Array(data) }))
      return { snapshot: new Uint8Array(row.snapshot), updates }
    })()
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: string): Promise<void> {
    this.db
      .transaction(() => {
        if (this.statements.setSnapshot.run(snapshot, planId).changes === 0)
          throw new PlanMissingError(planId)
        this.statements.trim.run(planId, Number(throughSeq))
      })
      .immediate()
  }

  async ping(): Promise<boolean> {
    try {
      return this.statements.ping.get()?.ok === 1
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}

function toRecord(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    name: row.name,
    periodKind: row.period_kind,
    firstPeriod: row.first_period,
    periodCount: row.period_count,
    skuCount: row.sku_count,
    createdAt: row.created_at,
  }
}
