import type Database from 'better-sqlite3'
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

interface PlanRow {
  id: string
  name: string
  period_kind: 'week' | 'month'
  first_period: string
  period_count: number
  sku_count: number
  created_at: string
}

const PLAN_COLUMNS = 'id, name, period_kind, first_period, period_count, sku_count, created_at'

/** The plan log in SQLite: a `plans` row, its `snapshots` row and its `updates` rows. */
export class SqlitePlanLog implements PlanLog {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertPlan: db.prepare(
        `INSERT INTO plans (id, name, period_kind, first_period, period_count, sku_count, created_at)
         VALUES (@id, @name, @periodKind, @firstPeriod, @periodCount, @skuCount, @createdAt)`,
      ),
      insertSnapshot: db.prepare<[string, Uint8Array]>(
        'INSERT INTO snapshots (plan_id, data) VALUES (?, ?)',
      ),
      listPlans: db.prepare<[], PlanRow>(
        `SELECT ${PLAN_COLUMNS} FROM plans ORDER BY created_at, id`,
      ),
      getPlan: db.prepare<[string], PlanRow>(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`),
      deletePlan: db.prepare<[string]>('DELETE FROM plans WHERE id = ?'),
      lastSeq: db.prepare<[string], { seq: number; documentEpoch: number }>(
        'SELECT last_seq AS seq, document_epoch AS documentEpoch FROM plans WHERE id = ?',
      ),
      laterUpdate: db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM updates WHERE plan_id = ? AND seq > ? LIMIT 1',
      ),
      setDocumentEpoch: db.prepare<[number, string]>(
        'UPDATE plans SET document_epoch = ? WHERE id = ?',
      ),
      trimAll: db.prepare<[string]>('DELETE FROM updates WHERE plan_id = ?'),
      setLastSeq: db.prepare<[number, string]>('UPDATE plans SET last_seq = ? WHERE id = ?'),
      insertUpdate: db.prepare<[string, number, Uint8Array, string, string]>(
        'INSERT INTO updates (plan_id, seq, data, author, at) VALUES (?, ?, ?, ?, ?)',
      ),
      insertCell: db.prepare<
        [
          string,
          string,
          string,
          number,
          number,
          string,
          string,
          number,
          number | null,
          number | null,
          string | null,
        ]
      >(
        'INSERT INTO cell_history (plan_id, measure, key, period, value, author, at, seq, previous, shown, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      snapshot: db.prepare<
        [string],
        {
          snapshot: Buffer
          client_owners: string
          epoch: number
          compacted_through: number | null
          document_epoch: number
        }
      >(
        'SELECT s.data AS snapshot, p.client_owners, s.epoch, s.compacted_through, p.document_epoch FROM plans p JOIN snapshots s ON s.plan_id = p.id WHERE p.id = ?',
      ),
      snapshotEpoch: db.prepare<[string], { epoch: number }>(
        'SELECT epoch FROM snapshots WHERE plan_id = ?',
      ),
      updates: db.prepare<[string], { seq: number; data: Buffer; author: string; at: string }>(
        'SELECT seq, data, author, at FROM updates WHERE plan_id = ? ORDER BY seq',
      ),
      setSnapshot: db.prepare<[Uint8Array, number, number, string]>(
        'UPDATE snapshots SET data = ?, epoch = ?, compacted_through = max(coalesce(compacted_through, 0), ?) WHERE plan_id = ?',
      ),
      setOwners: db.prepare<[string, string]>('UPDATE plans SET client_owners = ? WHERE id = ?'),
      trim: db.prepare<[string, number]>('DELETE FROM updates WHERE plan_id = ? AND seq <= ?'),
    }
  }

  async createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void> {
    try {
      this.db.transaction(() => {
        this.statements.insertPlan.run(record)
        this.statements.insertSnapshot.run(record.id, snapshot)
      })()
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

  private readonly appendTransaction = (
    planId: string,
    entries: NewLogEntry[],
    guard: AppendGuard | undefined,
  ): string[] => {
    const last = this.statements.lastSeq.get(planId)
    if (!last) throw new PlanMissingError(planId)
    if (guard && guard.documentEpoch !== last.documentEpoch)
      throw new EpochChangedError(planId, last.documentEpoch)
    let seq = last.seq
    const at = new Date().toISOString()
    const seqs = entries.map(({ update, author, cells }) => {
      seq += 1
      this.statements.insertUpdate.run(planId, seq, update, author, at)
      for (const cell of cells ?? []) {
        this.statements.insertCell.run(
          planId,
          cell.measure,
          cell.key,
          cell.period,
          cell.value,
          author,
          at,
          seq,
          cell.previous ?? null,
          cell.shown ?? null,
          cell.source ?? null,
        )
      }
      return String(seq)
    })
    this.statements.setLastSeq.run(seq, planId)
    return seqs
  }

  /** Compiled once: better-sqlite3 builds a new wrapper on every `db.transaction` call. */
  private appendInTransaction: Database.Transaction<typeof this.appendTransaction> | undefined

  async appendUpdates(
    planId: string,
    entries: NewLogEntry[],
    guard?: AppendGuard,
  ): Promise<string[]> {
    this.appendInTransaction ??= this.db.transaction(this.appendTransaction)
    return this.appendInTransaction.immediate(planId, entries, guard)
  }

  async loadPlan(planId: string): Promise<StoredPlanState | undefined> {
    return this.db.transaction((): StoredPlanState | undefined => {
      const row = this.statements.snapshot.get(planId)
      if (!row) return undefined
      const updates: LoggedUpdate[] = this.statements.updates
        .all(planId)
        .map(({ seq, data, author, at }) => ({
          seq: String(seq),
          update: new Uint8Array(data),
          author,
          at,
        }))
      const clientOwners = JSON.parse(row.client_owners) as ClientOwners
      return {
        snapshot: new Uint8Array(row.snapshot),
        clientOwners,
        updates,
        snapshotEpoch: row.epoch,
        documentEpoch: row.document_epoch,
        ...(row.compacted_through === null
          ? {}
          : { compactedThrough: String(row.compacted_through) }),
      }
    })()
  }

  async compact(planId: string, compaction: Compaction): Promise<CompactionResult> {
    const { snapshot, throughSeq, clientOwners, basedOnEpoch } = compaction
    return this.db
      .transaction((): CompactionResult => {
        const stored = this.statements.snapshotEpoch.get(planId)
        if (!stored) throw new PlanMissingError(planId)
        if (stored.epoch !== basedOnEpoch) return { written: false, storedEpoch: stored.epoch }
        const epoch = stored.epoch + 1
        this.statements.setSnapshot.run(snapshot, epoch, Number(throughSeq), planId)
        this.statements.setOwners.run(JSON.stringify(clientOwners), planId)
        this.statements.trim.run(planId, Number(throughSeq))
        return { written: true, epoch }
      })
      .immediate()
  }

  async changeEpoch(planId: string, change: EpochChange): Promise<EpochChangeResult> {
    const { snapshot, throughSeq, clientOwners, basedOnEpoch, documentEpoch } = change
    return this.db
      .transaction((): EpochChangeResult => {
        const plan = this.statements.lastSeq.get(planId)
        const stored = this.statements.snapshotEpoch.get(planId)
        if (!plan || !stored) throw new PlanMissingError(planId)
        const storedDocumentEpoch = plan.documentEpoch
        if (storedDocumentEpoch !== documentEpoch - 1 || stored.epoch !== basedOnEpoch)
          return { written: false, reason: 'stale', storedDocumentEpoch }
        if (this.statements.laterUpdate.get(planId, Number(throughSeq ?? 0)))
          return { written: false, reason: 'behind', storedDocumentEpoch }
        const snapshotEpoch = stored.epoch + 1
        this.statements.setSnapshot.run(snapshot, snapshotEpoch, Number(throughSeq ?? 0), planId)
        this.statements.setOwners.run(JSON.stringify(clientOwners), planId)
        this.statements.setDocumentEpoch.run(documentEpoch, planId)
        this.statements.trimAll.run(planId)
        return { written: true, snapshotEpoch, documentEpoch }
      })
      .immediate()
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
