import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanStore } from '../../server/src/store/plan-store.js'
import { nextStreamId, RedisStore } from '../../server/src/store/redis-store.js'
import { SqliteStore } from '../../server/src/store/sqlite-store.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { StoreUnderTest } from './store.contract.js'
import { describeStoreContract } from './store.contract.js'

describeStoreContract('SqliteStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-sqlite-'))
  const file = join(dir, 'tandem.db')
  return tracked(
    async () => new SqliteStore(file),
    () => rm(dir, { recursive: true, force: true }),
  )
})

let redis: RedisServer | undefined
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

describeStoreContract('RedisStore', async () => {
  const url = redis?.url
  if (!url) throw new Error('redis-server did not start')
  const prefix = `test-${randomUUID()}`
  return tracked(() => RedisStore.connect(url, { prefix }))
})

describe('RedisStore outside the contract', () => {
  it('answers ping with false once Redis is gone', async () => {
    const server = await startRedisServer()
    const store = await RedisStore.connect(server.url)
    expect(await store.ping()).toBe(true)
    await server.stop()
    expect(await store.ping()).toBe(false)
    await store.close()
  })

  it('refuses to connect when Redis is not there', async () => {
    const server = await startRedisServer()
    await server.stop()
    await expect(RedisStore.connect(server.url)).rejects.toThrow()
  })

  it('trims through a stream id by keeping everything from the next one', () => {
    expect(nextStreamId('1700000000000-0')).toBe('1700000000000-1')
    expect(nextStreamId('5-18446744073709551615')).toBe('6-0')
    expect(() => nextStreamId('7')).toThrow(RangeError)
  })
})

/** Opens stores through `open`, remembering each so cleanup can close them all. */
async function tracked(
  open: () => Promise<PlanStore>,
  removeData: () => Promise<void> = async () => {},
): Promise<StoreUnderTest> {
  const opened: PlanStore[] = []
  const reopen = async () => {
    const store = await open()
    opened.push(store)
    return store
  }
  return {
    store: await reopen(),
    reopen,
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()))
      await removeData()
    },
  }
}
