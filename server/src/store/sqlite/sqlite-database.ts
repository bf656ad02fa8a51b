import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

/** Opens (creating if needed) the SQLite file in WAL mode with every aggregate's tables. */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  checkSchemaVersion(db, file)
  db.exec(`
    CREATE TABLE IF NOT EXISTS plans (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      period_kind TEXT NOT NULL,
      first_period TEXT NOT NULL,
      period_count INTEGER NOT NULL,
      sku_count INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      last_seq INTEGER NOT NULL DEFAULT 0,
      client_owners TEXT NOT NULL DEFAULT '{}',
      document_epoch INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS snapshots (
      plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
      data BLOB NOT NULL,
      epoch INTEGER NOT NULL DEFAULT 0,
      compacted_through INTEGER
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
      created_at TEXT NOT NULL,
      session_version INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS plan_roles (
      plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL,
      PRIMARY KEY (plan_id, user_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS plan_site_scopes (
      plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      sites TEXT NOT NULL,
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
    CREATE TABLE IF NOT EXISTS inbox_reads (
      plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      PRIMARY KEY (plan_id, user_id, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS cell_history (
      plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      measure TEXT NOT NULL,
      key TEXT NOT NULL,
      period INTEGER NOT NULL,
      value REAL NOT NULL,
      author TEXT NOT NULL,
      at TEXT NOT NULL,
      seq INTEGER NOT NULL,
      previous REAL,
      shown REAL,
      source TEXT
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
      kind TEXT NOT NULL DEFAULT 'manual',
      minutes TEXT,
      PRIMARY KEY (plan_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS versions_list ON versions (plan_id, created_at, id, name, note, author, kind, minutes);
    CREATE TABLE IF NOT EXISTS accuracy_extracts (
      plan_id TEXT NOT NULL,
      version_id TEXT NOT NULL,
      extract BLOB NOT NULL,
      PRIMARY KEY (plan_id, version_id),
      FOREIGN KEY (plan_id, version_id) REFERENCES versions (plan_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS scenarios (
      id TEXT PRIMARY KEY,
      base_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      record TEXT NOT NULL,
      branch BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS scenarios_base ON scenarios (base_id, created_at, id);
  `)
  return db
}

/**
 * The schema this code writes. Older schemas from 3 on are moved forward in place, one step at
 * a time (4 added users' session_version, 5 the cell history's previous, shown and source,
 * 6 the snapshot's epoch and what it covers, 7 the versions' kind, 8 a consensus version's
 * meeting minutes, 9 the plan's document epoch, 10 the versions' covering index, 11 the inbox's
 * read marks, 12 the versions' accuracy extracts); older development layouts are refused with a
 * clear message.
 */
const SCHEMA_VERSION = 12

/** Steps from one schema version to the next, each run in one transaction when a file opens. */
const MIGRATIONS: Record<number, (db: Database.Database) => void> = {
  3: (db) => addColumn(db, 'users', 'session_version', 'INTEGER NOT NULL DEFAULT 0'),
  4: (db) => {
    addColumn(db, 'cell_history', 'previous', 'REAL')
    addColumn(db, 'cell_history', 'shown', 'REAL')
    addColumn(db, 'cell_history', 'source', 'TEXT')
  },
  5: (db) => {
    addColumn(db, 'snapshots', 'epoch', 'INTEGER NOT NULL DEFAULT 0')
    addColumn(db, 'snapshots', 'compacted_through', 'INTEGER')
  },
  6: (db) => addColumn(db, 'versions', 'kind', "TEXT NOT NULL DEFAULT 'manual'"),
  7: (db) => addColumn(db, 'versions', 'minutes', 'TEXT'),
  8: (db) => addColumn(db, 'plans', 'document_epoch', 'INTEGER NOT NULL DEFAULT 0'),
  // Listing versions reads `kind` and `minutes`, stored after each snapshot blob: without a
  // covering index every list walks every blob's overflow pages (72 MB for 12 versions of a
  // 10,000 SKU plan, 60–550 ms on the event loop).
  9: (db) =>
    db.exec(
      'CREATE INDEX IF NOT EXISTS versions_list ON versions (plan_id, created_at, id, name, note, author, kind, minutes)',
    ),
  10: (db) =>
    db.exec(`CREATE TABLE IF NOT EXISTS inbox_reads (
      plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      PRIMARY KEY (plan_id, user_id, item_id)
    ) WITHOUT ROWID`),
  // Versions from before have no extract: the Accuracy report extracts each once and saves it.
  11: (db) =>
    db.exec(`CREATE TABLE IF NOT EXISTS accuracy_extracts (
      plan_id TEXT NOT NULL,
      version_id TEXT NOT NULL,
      extract BLOB NOT NULL,
      PRIMARY KEY (plan_id, version_id),
      FOREIGN KEY (plan_id, version_id) REFERENCES versions (plan_id, id) ON DELETE CASCADE
    ) WITHOUT ROWID`),
}

function addColumn(db: Database.Database, table: string, column: string, type: string): void {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]
  if (!columns.some(({ name }) => name === column))
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`)
}

function checkSchemaVersion(db: Database.Database, file: string): void {
  let version = db.pragma('user_version', { simple: true }) as number
  const hasPlans = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plans'")
    .get()
  while (hasPlans && version < SCHEMA_VERSION && MIGRATIONS[version] !== undefined) {
    const step = MIGRATIONS[version]
    db.transaction(() => step(db))()
    version++
    db.pragma(`user_version = ${version}`)
  }
  if (hasPlans && version !== SCHEMA_VERSION) {
    throw new Error(
      `${file} was written by an older development build of Tandem (schema ${version}, expected ${SCHEMA_VERSION}); move it away to start fresh`,
    )
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`)
}
