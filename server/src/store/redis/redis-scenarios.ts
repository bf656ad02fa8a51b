import type { Scenario, ScenarioStatus } from '@tandem/shared'
import { PlanMissingError } from '../plan-log.js'
import type { ScenarioStore } from '../scenario-store.js'
import { ScenarioExistsError } from '../scenario-store.js'
import { compare, toBuffer } from './redis-codec.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'

/**
 * Scenarios in Redis: under the base plan's tag a hash of records (`scenarios`) and one string
 * per branch snapshot (`scenarios:<id>`); in its own slot a hash from scenario id to base id, so
 * a scenario is found by its id alone. The index is written first: an entry whose record is
 * missing (a create that failed halfway) reads as no scenario and is overwritten.
 */
export class RedisScenarios implements ScenarioStore {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  private get client() {
    return this.connection.client
  }

  async createScenario(record: Scenario, branchSnapshot: Uint8Array): Promise<void> {
    const known = await this.client.hGet(this.keys.scenarioBases, record.id)
    if (known !== null && (await this.getScenario(record.id)))
      throw new ScenarioExistsError(record.id)
    await this.client.hSet(this.keys.scenarioBases, record.id, record.baseId)
    const created = await this.client.createScenarioScript(
      [
        this.keys.plan(record.baseId).meta,
        this.keys.scenarios(record.baseId),
        this.keys.scenarioBranch(record.baseId, record.id),
      ],
      record.id,
      JSON.stringify(record),
      toBuffer(branchSnapshot),
    )
    if (created === 1) return
    if (known === null) await this.client.hDel(this.keys.scenarioBases, record.id)
    if (created === -1) throw new PlanMissingError(record.baseId)
    throw new ScenarioExistsError(record.id)
  }

  private async stored(id: string): Promise<{ json: string; record: Scenario } | undefined> {
    const baseId = await this.client.hGet(this.keys.scenarioBases, id)
    if (baseId === null) return undefined
    const json = await this.client.hGet(this.keys.scenarios(baseId), id)
    return json === null ? undefined : { json, record: JSON.parse(json) as Scenario }
  }

  async getScenario(id: string): Promise<Scenario | undefined> {
    return (await this.stored(id))?.record
  }

  async branchSnapshot(id: string): Promise<Uint8Array | undefined> {
    const record = await this.getScenario(id)
    if (!record) return undefined
    const snapshot = await this.connection.binary.get(this.keys.scenarioBranch(record.baseId, id))
    return snapshot ? new Uint8Array(snapshot) : undefined
  }

  async listScenarios(baseId: string): Promise<Scenario[]> {
    const hash = await this.client.hGetAll(this.keys.scenarios(baseId))
    return Object.values(hash)
      .map((json) => JSON.parse(json) as Scenario)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id))
  }

  async closeScenario(
    id: string,
    status: Exclude<ScenarioStatus, 'active'>,
    by: string,
    at: string,
  ): Promise<Scenario | undefined> {
    for (;;) {
      const current = await this.stored(id)
      if (!current || current.record.status !== 'active') return undefined
      const closed: Scenario = { ...current.record, status, closedBy: by, closedAt: at }
      const replaced = await this.client.replaceScenarioScript(
        this.keys.scenarios(current.record.baseId),
        id,
        current.json,
        JSON.stringify(closed),
      )
      if (replaced === 1) return closed
    }
  }

  async removeScenariosOf(baseId: string): Promise<string[]> {
    const ids = await this.client.hKeys(this.keys.scenarios(baseId))
    await this.client.del([
      this.keys.scenarios(baseId),
      ...ids.map((id) => this.keys.scenarioBranch(baseId, id)),
    ])
    if (ids.length > 0) await this.client.hDel(this.keys.scenarioBases, ids)
    return ids
  }
}
