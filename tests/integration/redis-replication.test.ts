import { randomUUID } from 'node:crypto'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { connectRedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import type { ReplicaWait } from '../../server/src/store/redis/replica-wait.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import { authored, planRecord, text } from './store-fixtures.js'

const silentLogger = { error: () => {}, warn: () => {} }

/** The replicas a master lists in ROLE: those online, which appends wait for. */
async function onlineReplicas(client: {
  sendCommand(args: string[]): Promise<unknown>
}): Promise<number> {
  const role = (await client.sendCommand(['ROLE'])) as unknown[]
  return Array.isArray(role[2]) ? role[2].length : 0
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Redis replicates asynchronously: an append acknowledged by a master that then dies is gone
 * unless a replica held it. Appends therefore wait (Redis `WAIT`) for the master's replicas.
 */
describe('appends on a Redis master with a replica', () => {
  let master: RedisServer
  let replica: RedisServer
  let replicaClient: ReturnType<typeof createClient>
  const opened: RedisStores[] = []

  const storesWith = async (wait: ReplicaWait) => {
    const stores = await connectRedisStores(master.url, {
      prefix: `repl-${randomUUID()}`,
      logger: silentLogger,
      wait,
    })
    opened.push(stores)
    return stores
  }
  const newPlan = async (stores: RedisStores) => {
    const id = `plan-${randomUUID()}`
    await stores.log.createPlan(planRecord(id), text('snapshot'))
    return id
  }
  /** The log's length as the replica holds it, read from the replica itself. */
  const replicaLogLength = (stores: RedisStores, planId: string) =>
    replicaClient.xLen(stores.keys.plan(planId).log)

  /**
   * A writer on the master with `wait`, a plan with one acknowledged entry, and another
   * instance following the plan, recording the ids it hears of.
   */
  const writerAndFollower = async (wait: ReplicaWait) => {
    const stores = await storesWith(wait)
    const other = await connectRedisStores(master.url, {
      prefix: stores.keys.prefix,
      logger: silentLogger,
    })
    opened.push(other)
    const planId = await newPlan(stores)
    const [first] = await stores.log.appendUpdates(planId, authored([text('replicated')]))
    const heard: string[] = []
    const stop = await other.log.feed.follow(planId, undefined, {
      entries: (entries) => heard.push(...entries.map(({ seq }) => seq)),
      reload: () => {},
    })
    await until(() => heard.includes(first))
    return { stores, planId, first, heard, stop }
  }

  beforeAll(async () => {
    master = await startRedisServer()
    replica = await startRedisServer({
      extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
    })
    replicaClient = createClient({ url: replica.url })
    await replicaClient.connect()
    // The replica says its link is up once it has loaded the master's data; the master lists it
    // as online (ROLE, what appends go by) only after its first acknowledgement, up to 1 s later.
    const masterClient = createClient({ url: master.url })
    await masterClient.connect()
    try {
      const deadline = Date.now() + 10_000
      while ((await onlineReplicas(masterClient)) === 0) {
        if (Date.now() > deadline) throw new Error('the master never listed its replica as online')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      await masterClient.close()
    }
  })

  afterAll(async () => {
    replica?.resume()
    await Promise.all(opened.map((stores) => stores.close()))
    await replicaClient?.close()
    await replica?.stop()
    await master?.stop()
  })

  it('acknowledges an append only once the replica holds it', async () => {
    const stores = await storesWith({ replicas: 1, timeoutMs: 2_000 })
    const planId = await newPlan(stores)
    for (let i = 1; i <= 20; i++) {
      await stores.log.appendUpdates(planId, authored([text(`edit ${i}`)]))
      expect(await replicaLogLength(stores, planId)).toBe(i)
    }
  })

  it('fails an append the replica did not acknowledge in time, naming how many did', async () => {
    const stores = await storesWith({ replicas: 1, timeoutMs: 300 })
    const planId = await newPlan(stores)
    await stores.log.appendUpdates(planId, authored([text('before the stall')]))
    replica.pause()
    try {
      await expect(
        stores.log.appendUpdates(planId, authored([text('during the stall')])),
      ).rejects.toThrow('Redis replication: 0 of 1 replica(s) acknowledged the write within 300 ms')
    } finally {
      replica.resume()
    }
    // The replica catches up, and the next append is acknowledged again.
    await stores.log.appendUpdates(planId, authored([text('after the stall')]))
    expect(await replicaLogLength(stores, planId)).toBe(3)
  })

  it('tells the other instances of an append only once the replica holds it', async () => {
    const { stores, planId, first, heard, stop } = await writerAndFollower({
      replicas: 1,
      timeoutMs: 300,
    })
    try {
      replica.pause()
      try {
        await expect(
          stores.log.appendUpdates(planId, authored([text('during the stall')])),
        ).rejects.toThrow('Redis replication')
        // The master holds the entry, but no instance relayed it: it was never acknowledged.
        await new Promise((resolve) => setTimeout(resolve, 100))
        expect(heard).toEqual([first])
      } finally {
        replica.resume()
      }
      const [third] = await stores.log.appendUpdates(planId, authored([text('after the stall')]))
      await until(() => heard.includes(third))
      expect(heard).toHaveLength(3)
    } finally {
      await stop()
    }
  })

  it('reads the log on a notice only through the entry the notice announces', async () => {
    const { stores, planId, first, heard, stop } = await writerAndFollower({
      replicas: 1,
      timeoutMs: 5_000,
    })
    const { log } = stores.keys.plan(planId)
    const publisher = createClient({ url: master.url })
    await publisher.connect()
    try {
      replica.pause()
      let waiting: Promise<string[]> | undefined
      try {
        // In the master's log, but waiting for the replica: not yet saved.
        waiting = stores.log.appendUpdates(planId, authored([text('waiting')]))
        const deadline = Date.now() + 5_000
        while ((await publisher.xLen(log)) < 2 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 5))
        // A late copy of the first append's bare notice sends the follower to the log.
        const channel = stores.keys.channel(planId, 'appended')
        if (stores.connection.shardedPubSub) await publisher.sPublish(channel, first)
        else await publisher.publish(channel, first)
        await new Promise((resolve) => setTimeout(resolve, 150))
        expect(heard).toEqual([first])
      } finally {
        replica.resume()
      }
      const [second] = await waiting
      await until(() => heard.includes(second))
      expect(heard).toEqual([first, second])
    } finally {
      await publisher.close()
      await stop()
    }
  })

  it('does not wait when told not to (REDIS_WAIT_REPLICAS=0)', async () => {
    const stores = await storesWith({ replicas: 0, timeoutMs: 300 })
    const planId = await newPlan(stores)
    replica.pause()
    try {
      const ids = await stores.log.appendUpdates(planId, authored([text('unreplicated')]))
      expect(ids).toHaveLength(1)
    } finally {
      replica.resume()
    }
  })

  it('does not wait on a master without a replica', async () => {
    const lone = await startRedisServer()
    const stores = await connectRedisStores(lone.url, {
      prefix: `repl-${randomUUID()}`,
      logger: silentLogger,
      wait: { replicas: 1, timeoutMs: 5_000 },
    })
    try {
      const planId = await newPlan(stores)
      const started = Date.now()
      for (let i = 0; i < 5; i++)
        await stores.log.appendUpdates(planId, authored([text(`edit ${i}`)]))
      // Five waits for a replica that is not there would take 25 s.
      expect(Date.now() - started).toBeLessThan(4_000)
    } finally {
      await stores.close()
      await lone.stop()
    }
  })
})
