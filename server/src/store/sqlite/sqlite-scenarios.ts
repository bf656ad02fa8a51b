import type Database from 'better-sqlite3'
import type { Scenario, ScenarioStatus } from '@tandem/shared'
import { PlanMissingError } from '../plan-log.js'
import type { ScenarioStore } from '../scenario-store.js'
import { ScenarioExistsError } from '../scenario-store.js'

/** Scenario records in SQLite: one row each, removed with the base plan (foreign key). */
export class SqliteScenarios implements ScenarioStore {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      planExists: db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM plans WHERE id = ?'),
      insert: db.prepare<[string, string, string, string, string, Uint8Array]>(
        'INSERT INTO scenarios (id, base_id, status, created_at, record, branch) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string], { record: string }>('SELECT record FROM scenarios WHERE id = ?'),
      branch: db.prepare<[string], { branch: Buffer }>('SELECT branch FROM scenarios WHERE id = ?'),
      list: db.prepare<[string], { record: string }>(
        'SELECT record FROM scenarios WHERE base_id = ? ORDER BY created_at, id',
      ),
      close: db.prepare<[string, string, string], { record: string }>(
        `UPDATE scenarios SET status = ?, record = ? WHERE id = ? AND status = 'active'
         RETURNING record`,
      ),
      ids: db.prepare<[string], { id: string }>('SELECT id FROM scenarios WHERE base_id = ?'),
      remove: db.prepare<[string]>('DELETE FROM scenarios WHERE base_id = ?'),
    }
  }

  async createScenario(record: Scenario, branchSnapshot: Uint8Array): Promise<void> {
    this.db
      .transaction(() => {
        if (!this.statements.planExists.get(record.baseId))
          throw new PlanMissingError(record.baseId)
        if (this.statements.get.get(record.id)) throw new ScenarioExistsError(record.id)
        this.statements.insert.run(
          record.id,
          record.baseId,
          record.status,
          record.createdAt,
          JSON.stringify(record),
          branchSnapshot,
        )
      })
      .immediate()
  }

  async getScenario(id: string): Promise<Scenario | undefined> {
    const row = this.statements.get.get(id)
    return row && (JSON.parse(row.record) as Scenario)
  }

  async branchSnapshot(id: string): Promise<Uint8Array | undefined> {
    const row = this.statements.branch.get(id)
    return row && new Uint8Array(row.branch)
  }

  async listScenarios(baseId: string): Promise<Scenario[]> {
    return this.statements.list.all(baseId).map(({ record }) => JSON.parse(record) as Scenario)
  }

  async closeScenario(
    id: string,
    status: Exclude<ScenarioStatus, 'active'>,
    by: string,
    at: string,
  ): Promise<Scenario | undefined> {
    return this.db
      .transaction(() => {
        const current = this.statements.get.get(id)
        if (!current) return undefined
        const record = JSON.parse(current.record) as Scenario
        const closed: Scenario = { ...record, status, closedBy: by, closedAt: at }
        const row = this.statements.close.get(status, JSON.stringify(closed), id)
        return row && closed
      })
      .immediate()
  }

  async removeScenariosOf(baseId: string): Promise<string[]> {
    return this.db
      .transaction(() => {
        const ids = this.statements.ids.all(baseId).map(({ id }) => id)
        this.statements.remove.run(baseId)
        return ids
      })
      .immediate()
  }
}
