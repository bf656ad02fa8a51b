import { MemoryRateCounters } from '../memory-rate-counters.js'
import type { Stores, StoreHealth } from '../stores.js'
import { openSqliteDatabase } from './sqlite-database.js'
import { SqliteAccounts } from './sqlite-accounts.js'
import { SqlitePlanLog } from './sqlite-plan-log.js'
import { SqlitePlanRecords } from './sqlite-plan-records.js'
import { SqliteScenarios } from './sqlite-scenarios.js'

/**
 * The embedded stores: one SQLite file in WAL mode, through better-sqlite3, shared by all three.
 * Its calls are synchronous, so every error reaches the caller and nothing needs logging here.
 */
export function openSqliteStores(file: string): Stores & { readonly file: string } {
  const db = openSqliteDatabase(file)
  const ping = db.prepare<[], { ok: number }>('SELECT 1 AS ok')
  return {
    kind: 'sqlite',
    file,
    log: new SqlitePlanLog(db),
    records: new SqlitePlanRecords(db),
    accounts: new SqliteAccounts(db),
    scenarios: new SqliteScenarios(db),
    // One process serves a SQLite file, so its counters need not outlive it or be shared.
    rateCounters: new MemoryRateCounters(),
    useLogger() {},
    async health(): Promise<StoreHealth> {
      try {
        return { reachable: ping.get()?.ok === 1 }
      } catch (error) {
        return {
          reachable: false,
          lastError: { message: (error as Error).message, at: new Date().toISOString() },
        }
      }
    },
    async close() {
      if (db.open) db.close()
    },
  }
}
