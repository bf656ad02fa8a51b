import { existsSync, rmSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Config } from '../config.js'
import { openSqliteDatabase } from '../store/sqlite/sqlite-database.js'
import { CliError } from './cli-error.js'
import type { CliOutput } from './cli-output.js'

type StoreConfig = Pick<Config, 'dataDir' | 'redisUrl'>

/** The database file the server opens (open-store.ts). */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'tandem.db')
}

/**
 * `backup FILE`: SQLite's online backup API copies the database page by page while the server
 * keeps writing; the copy is one consistent moment (every update committed before the copy's
 * last step is in it). Refuses to overwrite FILE.
 */
export async function backupCommand(
  config: StoreConfig,
  target: string | undefined,
  out: CliOutput,
): Promise<void> {
  refuseRedis(config, 'backup')
  if (!target) throw new CliError('FILE', 'give the file to write the backup to')
  const source = databaseFile(config)
  if (!existsSync(source))
    throw new CliError('DATA_DIR', `there is no database at ${source} to back up`)
  const file = resolve(target)
  if (existsSync(file)) throw new CliError('FILE', `${file} exists; back up to a new file`)
  await mkdir(dirname(file), { recursive: true })
  const db = new Database(source, { fileMustExist: true })
  try {
    // A busy server may keep the database locked for a moment; wait rather than fail.
    db.pragma('busy_timeout = 5000')
    const { totalPages } = await db.backup(file)
    out.print(`Backed up ${source} to ${file} (${totalPages} pages).`)
  } catch (error) {
    rmSync(file, { force: true })
    throw error
  } finally {
    db.close()
  }
}

/**
 * `restore FILE`: checks that FILE is a Tandem database, then copies it over DATA_DIR's
 * database with the backup API. Refuses while another process (a running server) has the
 * database open, unless `force`: a server that keeps running would go on from the plans it
 * holds in memory, not the restored ones.
 */
export async function restoreCommand(
  config: StoreConfig,
  source: string | undefined,
  force: boolean,
  out: CliOutput,
): Promise<void> {
  refuseRedis(config, 'restore')
  if (!source) throw new CliError('FILE', 'give the backup file to restore')
  const backup = resolve(source)
  if (!existsSync(backup)) throw new CliError('FILE', `there is no file ${backup}`)
  checkBackup(backup)
  const target = databaseFile(config)
  if (existsSync(target) && !force && inUse(target)) {
    throw new CliError(
      'DATA_DIR',
      `${target} is open in another process, most likely a running Tandem server. ` +
        'Stop it first (SIGTERM drains it; `docker compose stop tandem` in a container), ' +
        'run the restore again, then start the server. --force restores anyway, but a ' +
        'running server must then be restarted at once, and edits it saves in between are lost.',
    )
  }
  await mkdir(config.dataDir, { recursive: true })
  // Copy into a fresh file beside the target first, so a failure leaves the old database whole.
  const staged = `${target}.restoring`
  await rm(staged, { force: true })
  const from = new Database(backup, { readonly: true, fileMustExist: true })
  try {
    await from.backup(staged)
  } finally {
    from.close()
  }
  if (force && existsSync(target)) {
    // A server has the file open: write through SQLite, which it sees, rather than swap files.
    const staging = new Database(staged, { fileMustExist: true })
    try {
      await staging.backup(target)
    } finally {
      staging.close()
      await rm(staged, { force: true })
    }
  } else {
    for (const suffix of ['-wal', '-shm']) await rm(target + suffix, { force: true })
    await rename(staged, target)
  }
  // Opening it moves an older schema forward and sets WAL mode, as the server will.
  openSqliteDatabase(target).close()
  out.print(`Restored ${backup} into ${target}.`)
}

function refuseRedis(config: StoreConfig, command: string): void {
  if (config.redisUrl)
    throw new CliError(
      'REDIS_URL',
      `${command} works on the SQLite store; with Redis, use BGSAVE and copy dump.rdb (or the AOF directory), as docs/operations.md describes`,
    )
}

/** Opens the file read-only and checks it holds Tandem's tables and passes a quick check. */
function checkBackup(file: string): void {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const ok = db.pragma('quick_check', { simple: true })
    if (ok !== 'ok') throw new Error(`the quick check reports: ${String(ok)}`)
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name)
    for (const table of ['plans', 'snapshots', 'updates', 'users'])
      if (!tables.includes(table)) throw new Error(`it has no ${table} table`)
  } catch (error) {
    throw new CliError('FILE', `${file} is not a Tandem backup: ${(error as Error).message}`)
  } finally {
    db?.close()
  }
}

/**
 * Whether another connection has the database open. In WAL mode every connection holds a
 * shared lock on the shared-memory file for as long as it is open, idle or not, so taking an
 * exclusive lock fails at once while a server runs.
 */
function inUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
    return false
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
    throw error
  } finally {
    db.close()
  }
}
