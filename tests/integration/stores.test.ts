import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/src/app.js'
import type { RedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { connectRedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { moveRedisKey } from '../../server/src/store/redis/move-redis-key.js'
import { nextStreamId } from '../../server/src/store/redis/redis-codec.js'
import { openSqliteDatabase } from '../../server/src/store/sqlite/sqlite-database.js'
import { openSqliteStores } from '../../server/src/store/sqlite/open-sqlite-stores.js'
import type { StoreLogger } from '../../server/src/store/store-logger.js'
import type { Stores } from '../../server/src/store/stores.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { RedisCluster } from '../support/redis-cluster.js'
import { startRedisCluster } from '../support/redis-cluster.js'
import { describeAccountsContract } from './accounts.contract.js'
import { describePlanLogContract } from './plan-log.contract.js'
import { describePlanRecordsContract } from './plan-records.contract.js'
import { describeScenarioStoreContract } from './scenario-store.contract.js'
import type { StoresUnderTest } from './store-fixtures.js'
import { bytes, planRecord, userRecord } from './store-fixtures.js'

let redis: RedisServer | undefined
let cluster: RedisCluster | undefined
beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedisServer(), startRedisCluster()])
})
afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()])
})

/** SQLite: a file in a temp dir; a trigger from a second connection breaks user creation. */
async function sqliteStores(): Promise<StoresUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
  const file = join(dir, 'tandem.db')
  return tracked(
    async () => openSqliteStores(file),
    async () => {
      const db = openSqliteDatabase(file)
      // AFTER INSERT: the row is written, then the statement aborts and SQLite undoes it.
      db.exec(`CREATE TRIGGER fail_user_insert AFTER INSERT ON users
               BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
      return async () => {
        db.exec('DROP TRIGGER fail_user_insert')
        db.close()
      }
    },
    () => rm(dir, { recursive: true, force: true }),
  )
}

/**
 * Redis: a fresh prefix; the users index holding a string makes its write fail. On the
 * cluster, `reopen` connects through another seed node than the first instance.
 */
async function redisStores(): Promise<StoresUnderTest> {
  return redisStoresAt(() => redis?.url)
}

async function clusterStores(): Promise<StoresUnderTest> {
  let opened = 0
  return redisStoresAt(() => {
    const masters = cluster?.masters ?? []
    const seed = masters[opened++ % Math.max(masters.length, 1)]
    return seed && `${seed.url},${cluster?.url}`
  })
}

async function redisStoresAt(urlOf: () => string | undefined): Promise<StoresUnderTest> {
  const prefix = `test-${randomUUID()}`
  let first: RedisStores | undefined
  return tracked(
    async () => {
      const url = urlOf()
      if (!url) throw new Error('redis-server did not start')
      const stores = await connectRedisStores(url, { prefix, logger: silentLogger })
      first ??= stores
      return stores
    },
    async () => {
      const { connection, keys } = first as RedisStores
      await connection.client.set(keys.accounts.users, 'not a set')
      return async () => {
        await connection.client.del(keys.accounts.users)
      }
    },
  )
}

for (const [name, open] of [
  ['SQLite', sqliteStores],
  ['Redis', redisStores],
  ['Redis Cluster', clusterStores],
] as const) {
  describePlanLogContract(name, open)
  describePlanRecordsContract(name, open)
  describeAccountsContract(name, open)
  describeScenarioStoreContract(name, open)
}

describe('SQLite stores outside the contract', () => {
  it('moves a schema 3 file forward: users get session version 0, snapshots epoch 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
    const file = join(dir, 'tandem.db')
    try {
      const first = openSqliteStores(file)
      const ann = userRecord('ann@example.com')
      await first.accounts.createUser(ann)
      await first.log.createPlan(planRecord('plan-a'), Uint8Array.of(0))
      await first.close()
      const raw = openSqliteDatabase(file)
      raw.exec('ALTER TABLE users DROP COLUMN session_version')
      raw.exec('ALTER TABLE snapshots DROP COLUMN epoch')
      raw.exec('ALTER TABLE snapshots DROP COLUMN compacted_through')
      raw.pragma('user_version = 3')
      raw.close()
      const moved = openSqliteStores(file)
      expect(await moved.accounts.getUser(ann.id)).toEqual(ann)
      expect(await moved.accounts.bumpSessionVersion(ann.id)).toBe(1)
      expect(await moved.log.loadPlan('plan-a')).toMatchObject({ snapshotEpoch: 0, updates: [] })
      const [seq] = await moved.log.appendUpdates('plan-a', [
        { update: Uint8Array.of(1), author: 'ann' },
      ])
      expect(
        await moved.log.compact('plan-a', {
          snapshot: Uint8Array.of(2),
          throughSeq: seq,
          clientOwners: {},
          basedOnEpoch: 0,
        }),
      ).toEqual({ written: true, epoch: 1 })
      await moved.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('SQLite cell history across schemas', () => {
  it('moves a schema 4 file forward: old history rows stay, new ones keep previous, shown and source', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
    const file = join(dir, 'tandem.db')
    const cell = { measure: 'demand' as const, key: 'SKU-1', period: 2 }
    try {
      const raw = openSqliteDatabase(file)
      raw.exec('DROP TABLE cell_history')
      raw.exec(`CREATE TABLE cell_history (plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        measure TEXT NOT NULL, key TEXT NOT NULL, period INTEGER NOT NULL, value REAL NOT NULL,
        author TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL)`)
      raw.pragma('user_version = 4')
      raw.close()
      const stores = openSqliteStores(file)
      await stores.log.createPlan(planRecord('plan-a'), new Uint8Array([0]))
      await stores.log.appendUpdates('plan-a', [
        { update: new Uint8Array([1]), author: 'ann', cells: [{ ...cell, value: 5 }] },
        {
          update: new Uint8Array([2]),
          author: 'bob',
          cells: [{ ...cell, value: 7, previous: 5, shown: 7, source: 'paste' }],
        },
      ])
      const history = await stores.records.cellHistory('plan-a', cell, 10)
      expect(history.map(({ at: _at, seq: _seq, ...entry }) => entry)).toEqual([
        { value: 7, previous: 5, shown: 7, source: 'paste', author: 'bob' },
        { value: 5, author: 'ann' },
      ])
      await stores.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('SQLite versions across schemas', () => {
  it('moves a schema 7 file forward: old versions read without minutes, a consensus keeps them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
    const file = join(dir, 'tandem.db')
    const old = {
      id: 'v-old',
      planId: 'plan-a',
      name: 'November',
      note: '',
      author: 'ann',
      createdAt: '2026-11-01T10:00:00.000Z',
      kind: 'manual' as const,
    }
    try {
      const first = openSqliteStores(file)
      await first.log.createPlan(planRecord('plan-a'), Uint8Array.of(0))
      await first.records.createVersion(old, Uint8Array.of(1))
      await first.close()
      const raw = openSqliteDatabase(file)
      // A schema 7 file had neither the minutes column nor the covering index of version lists.
      raw.exec('DROP INDEX versions_list')
      raw.exec('ALTER TABLE versions DROP COLUMN minutes')
      raw.pragma('user_version = 7')
      raw.close()
      const moved = openSqliteStores(file)
      expect(await moved.records.listVersions('plan-a')).toEqual([old])
      const minutes = { meetingId: 'm-1', decisions: [] } as never
      await moved.records.createVersion(
        { ...old, id: 'v-new', kind: 'consensus', minutes },
        Uint8Array.of(2),
      )
      expect((await moved.records.loadVersion('plan-a', 'v-new'))?.record.minutes).toEqual(minutes)
      await moved.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('SQLite inbox read marks across schemas', () => {
  it('moves a schema 10 file forward: its plans keep their data and gain inbox read marks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
    const file = join(dir, 'tandem.db')
    try {
      const first = openSqliteStores(file)
      await first.log.createPlan(planRecord('plan-a'), Uint8Array.of(0))
      await first.records.setReadMark('plan-a', 'ann', 'thread-1', '2026-11-27T10:00:00.000Z')
      await first.close()
      const raw = openSqliteDatabase(file)
      raw.exec('DROP TABLE inbox_reads')
      raw.pragma('user_version = 10')
      raw.close()
      const moved = openSqliteStores(file)
      expect(await moved.records.getReadMarks('plan-a', 'ann')).toEqual({
        'thread-1': '2026-11-27T10:00:00.000Z',
      })
      expect(await moved.records.getInboxReads('plan-a', 'ann')).toEqual([])
      await moved.records.setInboxReads('plan-a', 'ann', ['action:plan-a:r1'], true)
      expect(await moved.records.getInboxReads('plan-a', 'ann')).toEqual(['action:plan-a:r1'])
      await moved.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('SQLite accuracy extracts across schemas', () => {
  it('moves a schema 11 file forward: its versions stay and gain accuracy extracts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
    const file = join(dir, 'tandem.db')
    try {
      const first = openSqliteStores(file)
      await first.log.createPlan(planRecord('plan-a'), Uint8Array.of(0))
      const version = {
        id: 'v-1',
        planId: 'plan-a',
        name: 'Consensus',
        note: '',
        author: 'paula',
        createdAt: '2026-12-01T10:00:00.000Z',
        kind: 'consensus' as const,
      }
      await first.records.createVersion(version, Uint8Array.of(1, 2))
      await first.close()
      const raw = openSqliteDatabase(file)
      raw.exec('DROP TABLE accuracy_extracts')
      raw.pragma('user_version = 11')
      raw.close()
      const moved = openSqliteStores(file)
      expect(await moved.records.listVersions('plan-a')).toEqual([version])
      expect(await moved.records.loadAccuracyExtract('plan-a', 'v-1')).toBeUndefined()
      await moved.records.saveAccuracyExtract('plan-a', 'v-1', Uint8Array.of(7, 7))
      expect(await moved.records.loadAccuracyExtract('plan-a', 'v-1')).toEqual(Uint8Array.of(7, 7))
      await moved.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('Redis stores outside the contract', () => {
  it('reports unreachable, with the reason, once Redis is gone, and logs it', async () => {
    const server = await startRedisServer()
    const logged: string[] = []
    const logger: StoreLogger = {
      error: (details) => logged.push(String((details as { context?: string }).context)),
      warn: () => {},
    }
    const stores = await connectRedisStores(server.url, { logger })
    expect(await stores.health()).toEqual({ reachable: true })
    await server.stop()
    const health = await stores.health()
    expect(health.reachable).toBe(false)
    expect(health.lastError?.message).toMatch(/\S/)
    expect(logged.length).toBeGreaterThan(0)
    await stores.close()
  })

  it('answers /health with 503 and the store’s reason when Redis is down', async () => {
    const server = await startRedisServer()
    const stores = await connectRedisStores(server.url, { logger: silentLogger })
    const app = await buildApp({ stores, jwtSecret: 'test-secret' })
    try {
      const up = await app.inject({ method: 'GET', url: '/health' })
      expect(up.statusCode).toBe(200)
      expect(up.json()).toMatchObject({ status: 'ok', store: { kind: 'redis', reachable: true } })
      await server.stop()
      const down = await app.inject({ method: 'GET', url: '/health' })
      expect(down.statusCode).toBe(503)
      const body = down.json() as { status: string; store: { reachable: boolean; reason: string } }
      expect(body.status).toBe('unavailable')
      expect(body.store.reachable).toBe(false)
      expect(body.store.reason).toMatch(/\S/)
    } finally {
      await app.close()
      await stores.close()
    }
  })

  it('refuses to connect when Redis is not there', async () => {
    const server = await startRedisServer()
    await server.stop()
    await expect(connectRedisStores(server.url, { logger: silentLogger })).rejects.toThrow()
  })

  it('moves users written under the old account keys to the current ones', async () => {
    const url = redis?.url
    if (!url) throw new Error('redis-server did not start')
    const prefix = `legacy-${randomUUID()}`
    const first = await connectRedisStores(url, { prefix, logger: silentLogger })
    const legacy = first.keys.legacyAccounts
    const client = first.connection.client
    const ann = {
      id: 'ann',
      email: 'ann@example.com',
      name: 'Ann',
      passwordHash: 'scrypt$1$2$3$salt$hash',
      isAdmin: '0',
      defaultRole: 'sales',
      disabled: '0',
      createdAt: '2026-11-27T08:00:00.000Z',
    }
    await client.hSet(legacy.user('ann'), ann)
    await client.set(legacy.email(ann.email), 'ann')
    await client.sAdd(legacy.users, 'ann')
    const second = await connectRedisStores(url, { prefix, logger: silentLogger })
    expect(await second.accounts.getUserByEmail(ann.email)).toMatchObject({
      id: 'ann',
      isAdmin: false,
      defaultRole: 'sales',
    })
    expect(await client.exists([legacy.users, legacy.user('ann'), legacy.email(ann.email)])).toBe(0)
    await first.close()
    await second.close()
  })

  it('moves plans and settings written under the untagged single-server keys', async () => {
    const url = redis?.url
    if (!url) throw new Error('redis-server did not start')
    const prefix = `legacy-plans-${randomUUID()}`
    const first = await connectRedisStores(url, { prefix, logger: silentLogger })
    const cell = { measure: 'demand' as const, key: 'SKU-1', period: 2 }
    await first.log.createPlan(planRecord('accounts'), bytes(7, 7))
    const [seq] = await first.log.appendUpdates('accounts', [
      { update: bytes(1), author: 'ann', cells: [{ ...cell, value: 42 }] },
      { update: bytes(2), author: 'bob' },
    ])
    const version = {
      id: 'v-1',
      planId: 'accounts',
      name: 'Consensus',
      note: '',
      author: 'ann',
      createdAt: '2026-12-01T10:00:00.000Z',
      kind: 'manual' as const,
    }
    await first.records.createVersion(version, bytes(3, 3))
    await first.records.setReadMark('accounts', 'ann', 'thread-1', '2026-12-01T11:00:00.000Z')
    await first.accounts.setPlanRole('accounts', 'ann', 'planner')
    expect(await first.accounts.ensureSetting('jwtSecret', 'old-secret')).toBe('old-secret')
    const before = await first.log.loadPlan('accounts')
    // Put every key back under its name before hash tags named their aggregate.
    const { connection, keys } = first
    for (const { from, to } of keys.legacyPlan('accounts', ['v-1']))
      expect(await moveRedisKey(connection, to, from)).toBe(true)
    await moveRedisKey(connection, keys.planIndex, keys.legacyPlanIndex)
    await moveRedisKey(connection, keys.accounts.settings, keys.legacyAccounts.settings)
    expect(await first.log.listPlans()).toEqual([])

    const second = await connectRedisStores(url, { prefix, logger: silentLogger })
    expect(await second.log.listPlans()).toEqual([planRecord('accounts')])
    expect(await second.log.loadPlan('accounts')).toEqual(before)
    expect(await second.records.listVersions('accounts')).toEqual([version])
    expect(await second.records.loadVersion('accounts', 'v-1')).toEqual({
      record: version,
      snapshot: bytes(3, 3),
    })
    expect(await second.records.cellHistory('accounts', cell, 5)).toMatchObject([
      { value: 42, author: 'ann', seq },
    ])
    expect(await second.records.getReadMarks('accounts', 'ann')).toEqual({
      'thread-1': '2026-12-01T11:00:00.000Z',
    })
    expect(await second.accounts.getPlanRoles('accounts')).toEqual({ ann: 'planner' })
    expect(await second.accounts.ensureSetting('jwtSecret', 'new-secret')).toBe('old-secret')
    const legacyKeys = keys.legacyPlan('accounts', ['v-1']).map(({ from }) => from)
    legacyKeys.push(keys.legacyPlanIndex, keys.legacyAccounts.settings)
    expect(await connection.client.exists(legacyKeys)).toBe(0)
    // A second start finds nothing left to move.
    const third = await connectRedisStores(url, { prefix, logger: silentLogger })
    expect(await third.log.loadPlan('accounts')).toEqual(before)
    await Promise.all([first.close(), second.close(), third.close()])
  })

  it('trims through a stream id by keeping everything from the next one', () => {
    expect(nextStreamId('1700000000000-0')).toBe('1700000000000-1')
    expect(nextStreamId('5-18446744073709551615')).toBe('6-0')
    expect(() => nextStreamId('7')).toThrow(RangeError)
  })
})

const silentLogger: StoreLogger = { error: () => {}, warn: () => {} }

/** Opens stores through `open`, remembering each so cleanup can close them all. */
async function tracked(
  open: () => Promise<Stores>,
  breakUserCreation: StoresUnderTest['breakUserCreation'],
  removeData: () => Promise<void> = async () => {},
): Promise<StoresUnderTest> {
  const opened: Stores[] = []
  const reopen = async () => {
    const stores = await open()
    opened.push(stores)
    return stores
  }
  return {
    stores: await reopen(),
    reopen,
    breakUserCreation,
    cleanup: async () => {
      await Promise.all(opened.map((stores) => stores.close()))
      await removeData()
    },
  }
}
