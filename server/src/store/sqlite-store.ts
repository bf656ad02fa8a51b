import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Measure, Role } from '@tandem/shared'
import type {
  ActivityEntry,
  CellChange,
  CellHistoryEntry,
  VersionRecord,
  ClientOwners,
  LoggedUpdate,
  NewLogEntry,
  PlanRecord,
  PlanStore,
  StoredPlanState,
} from './plan-store.js'
import { PlanExistsError, PlanMissingError, VersionExistsError } from './plan-store.js'
import type { UserPatch, UserRecord } from './user-record.js'
import { UserExistsError } from './user-record.js'

interface VersionRow {
  plan_id: string
  id: string
  name: string
  note: string
  author: string
  created_at: string
}

function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    name: row.name,
    note: row.note,
    author: row.author,
    createdAt: row.created_at,
  }
}

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string
  is_admin: number
  default_role: Role | null
  disabled: number
  created_at: string
}

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
    checkSchemaVersion(this.db, file)
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
        client_owners TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE IF NOT EXISTS snapshots (
        plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS updates (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (plan_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        is_admin INTEGER NOT NULL,
        default_role TEXT,
        disabled INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS plan_roles (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (plan_id, user_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS read_marks (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (plan_id, user_id, thread_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS cell_history (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        key TEXT NOT NULL,
        period INTEGER NOT NULL,
        value REAL NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS cell_history_cell ON cell_history (plan_id, measure, key, period, seq);
      CREATE INDEX IF NOT EXISTS cell_history_seq ON cell_history (plan_id, seq);
      CREATE TABLE IF NOT EXISTS versions (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        note TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        snapshot BLOB NOT NULL,
        PRIMARY KEY (plan_id, id)
      ) WITHOUT ROWID;
    `)
    this.statements = {
      insertPlan: this.db.prepare(
        `INSERT INTO plans (id, name, period_kind, first_period, period_count, sku_count, created_at)
         VALUES (@id, @name, @periodKind, @firstPeriod, @periodCount, @skuCount, @createdAt)`,
      ),
      insertSnapshot: this.db.prepare<[string, Uint8Array]>(
        'INSERT INTO snapshots (plan_id, data) VALUES (?, ?)',
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
      insertUpdate: this.db.prepare<[string, number, Uint8Array, string, string]>(
        'INSERT INTO updates (plan_id, seq, data, author, at) VALUES (?, ?, ?, ?, ?)',
      ),
      snapshot: this.db.prepare<[string], { snapshot: Buffer; client_owners: string }>(
        'SELECT s.data AS snapshot, p.client_owners FROM plans p JOIN snapshots s ON s.plan_id = p.id WHERE p.id = ?',
      ),
      updates: this.db.prepare<[string], { seq: number; data: Buffer; author: string; at: string }>(
        'SELECT seq, data, author, at FROM updates WHERE plan_id = ? ORDER BY seq',
      ),
      setSnapshot: this.db.prepare<[Uint8Array, string]>(
        'UPDATE snapshots SET data = ? WHERE plan_id = ?',
      ),
      setOwners: this.db.prepare<[string, string]>(
        'UPDATE plans SET client_owners = ? WHERE id = ?',
      ),
      trim: this.db.prepare<[string, number]>('DELETE FROM updates WHERE plan_id = ? AND seq <= ?'),
      ping: this.db.prepare<[], { ok: number }>('SELECT 1 AS ok'),
      readMarks: this.db.prepare<[string, string], { thread_id: string; at: string }>(
        'SELECT thread_id, at FROM read_marks WHERE plan_id = ? AND user_id = ?',
      ),
      setReadMark: this.db.prepare<[string, string, string, string]>(
        `INSERT INTO read_marks (plan_id, user_id, thread_id, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (plan_id, user_id, thread_id) DO UPDATE SET at = MAX(at, excluded.at)`,
      ),
      insertCell: this.db.prepare<[string, string, string, number, number, string, string, number]>(
        'INSERT INTO cell_history (plan_id, measure, key, period, value, author, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      cellHistory: this.db.prepare<
        [string, string, string, number, number],
        { value: number; author: string; at: string; seq: number }
      >(
        `SELECT value, author, at, seq FROM cell_history
         WHERE plan_id = ? AND measure = ? AND key = ? AND period = ? ORDER BY seq DESC LIMIT ?`,
      ),
      activity: this.db.prepare<
        [string, number],
        { seq: number; author: string; at: string; cells: number; measures: string; keys: string }
      >(
        `SELECT seq, author, at, COUNT(*) AS cells, GROUP_CONCAT(DISTINCT measure) AS measures,
         GROUP_CONCAT(DISTINCT key) AS keys FROM cell_history WHERE plan_id = ?
         GROUP BY seq ORDER BY seq DESC LIMIT ?`,
      ),
      insertVersion: this.db.prepare(
        `INSERT INTO versions (plan_id, id, name, note, author, created_at, snapshot)
         VALUES (@planId, @id, @name, @note, @author, @createdAt, @snapshot)`,
      ),
      versions: this.db.prepare<[string], VersionRow>(
        'SELECT plan_id, id, name, note, author, created_at FROM versions WHERE plan_id = ? ORDER BY created_at, id',
      ),
      version: this.db.prepare<[string, string], VersionRow & { snapshot: Buffer }>(
        'SELECT plan_id, id, name, note, author, created_at, snapshot FROM versions WHERE plan_id = ? AND id = ?',
      ),
      insertUser: this.db.prepare(
        `INSERT INTO users (id, email, name, password_hash, is_admin, default_role, disabled, created_at)
         VALUES (@id, @email, @name, @passwordHash, @isAdmin, @defaultRole, @disabled, @createdAt)`,
      ),
      userById: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByEmail: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
      users: this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, email'),
      updateUser: this.db.prepare(
        `UPDATE users SET name = @name, password_hash = @passwordHash, is_admin = @isAdmin,
         default_role = @defaultRole, disabled = @disabled WHERE id = @id`,
      ),
      setRole: this.db.prepare<[string, string, string]>(
        'INSERT INTO plan_roles (plan_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (plan_id, user_id) DO UPDATE SET role = excluded.role',
      ),
      deleteRole: this.db.prepare<[string, string]>(
        'DELETE FROM plan_roles WHERE plan_id = ? AND user_id = ?',
      ),
      roles: this.db.prepare<[string], { user_id: string; role: Role }>(
        'SELECT user_id, role FROM plan_roles WHERE plan_id = ?',
      ),
      insertSetting: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)',
      ),
      setting: this.db.prepare<[string], { value: string }>(
        'SELECT value FROM settings WHERE key = ?',
      ),
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

  private readonly appendTransaction = (planId: string, entries: NewLogEntry[]): string[] => {
    const last = this.statements.lastSeq.get(planId)
    if (!last) throw new PlanMissingError(planId)
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
        )
      }
      return String(seq)
    })
    this.statements.setLastSeq.run(seq, planId)
    return seqs
  }

  /** Compiled once: better-sqlite3 builds a new wrapper on every `db.transaction` call. */
  private appendInTransaction: Database.Transaction<typeof this.appendTransaction> | undefined

  async appendUpdates(planId: string, entries: NewLogEntry[]): Promise<string[]> {
    this.appendInTransaction ??= this.db.transaction(this.appendTransaction)
    return this.appendInTransaction.immediate(planId, entries)
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
      return { snapshot: new Uint8Array(row.snapshot), clientOwners, updates }
    })()
  }

  async compact(
    planId: string,
    snapshot: Uint8Array,
    throughSeq: string,
    clientOwners: ClientOwners,
  ): Promise<void> {
    this.db
      .transaction(() => {
        if (this.statements.setSnapshot.run(snapshot, planId).changes === 0)
          throw new PlanMissingError(planId)
        this.statements.setOwners.run(JSON.stringify(clientOwners), planId)
        this.statements.trim.run(planId, Number(throughSeq))
      })
      .immediate()
  }

  async cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]> {
    return this.statements.cellHistory
      .all(planId, cell.measure, cell.key, cell.period, limit)
      .map(({ value, author, at, seq }) => ({ value, author, at, seq: String(seq) }))
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
      this.statements.insertVersion.run({ ...record, snapshot })
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

  async createUser(user: UserRecord): Promise<void> {
    try {
      this.statements.insertUser.run(userParams(user))
    } catch (error) {
      if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT'))
        throw new UserExistsError(user.email)
      throw error
    }
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.statements.userById.get(id)
    return row && toUser(row)
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const row = this.statements.userByEmail.get(email)
    return row && toUser(row)
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.statements.users.all().map(toUser)
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.statements.userById.get(id)
      if (!row) return undefined
      const user = { ...toUser(row), ...patch }
      this.statements.updateUser.run(userParams(user))
      return user
    })()
  }

  async setPlanRole(planId: string, userId: string, role: Role | null): Promise<void> {
    if (role === null) this.statements.deleteRole.run(planId, userId)
    else this.statements.setRole.run(planId, userId, role)
  }

  async getPlanRoles(planId: string): Promise<Record<string, Role>> {
    const roles: Record<string, Role> = {}
    for (const { user_id, role } of this.statements.roles.all(planId)) roles[user_id] = role
    return roles
  }

  async ensureSetting(key: string, value: string): Promise<string> {
    this.statements.insertSetting.run(key, value)
    return this.statements.setting.get(key)?.value ?? value
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

/** The schema this code writes; older development layouts are refused with a clear message. */
const SCHEMA_VERSION = 3

function checkSchemaVersion(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number
  const hasPlans = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plans'")
    .get()
  if (hasPlans && version !== SCHEMA_VERSION) {
    throw new Error(
      `${file} was written by an older development build of Tandem (schema ${version}, expected ${SCHEMA_VERSION}); move it away to start fresh`,
    )
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`)
}

function userParams(user: UserRecord) {
  return { ...user, isAdmin: user.isAdmin ? 1 : 0, disabled: user.disabled ? 1 : 0 }
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    defaultRole: row.default_role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
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
