import { randomUUID } from 'node:crypto'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { connectRedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import type { LoggedUpdate } from '../../server/src/store/plan-log.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import { authored, bytes, planRecord, text } from './store-fixtures.js'

let redis: RedisServer
const opened: RedisStores[] = []
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await Promise.all(opened.map((stores) => stores.close()))
  await redis.stop()
})

const silentLogger = { error: () => {}, warn: () => {} }

/** `count` instances of Tandem's stores sharing one prefix on the test's redis-server. */
async function instances(count: number): Promise<RedisStores[]> {
  const prefix = `feed-${randomUUID()}`
  const stores = await Promise.all(
    Array.from({ length: count }, () =>
      connectRedisStores(redis.url, { prefix, logger: silentLogger }),
    ),
  )
  opened.push(...stores)
  return stores
}

/** A follower of `planId` on `stores` from the start, collecting what it is handed. */
async function following(stores: RedisStores, planId: string) {
  const received: LoggedUpdate[] = []
  const reloads: number[] = []
  const stop = await stores.log.feed.follow(planId, undefined, {
    entries: (entries) => received.push(...entries),
    reload: () => reloads.push(received.length),
  })
  const until = async (seq: string) => {
    const deadline = Date.now() + 10_000
    while (!received.some((entry) => entry.seq === seq) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5))
    if (!received.some((entry) => entry.seq === seq)) throw new Error(`${seq} never arrived`)
  }
  return { received, reloads, stop, until }
}

/**
 * The server statistics the test reads, which the stores' client type leaves out (stores never
 * send them); the single-node client under it has both.
 */
interface StatsClient {
  info(section: string): Promise<string>
  configResetStat(): Promise<unknown>
}
const statsOf = (stores: RedisStores) => stores.connection.client as unknown as StatsClient

/** How many times Redis ran `command` (inside scripts too) since the last CONFIG RESETSTAT. */
async function calls(stores: RedisStores, command: string): Promise<number> {
  const stats = await statsOf(stores).info('commandstats')
  const line = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(stats)
  return line ? Number(line[1]) : 0
}

describe('the Redis plan feed between instances', () => {
  it('hands a follower at the end each small append from its notice, with no log read', async () => {
    const [writer, reader] = await instances(2)
    await writer.log.createPlan(planRecord('plan-a'), bytes(0))
    const follower = await following(reader, 'plan-a')
    // The first append is taken once the follower's opening read of the log is done.
    const [first] = await writer.log.appendUpdates('plan-a', authored([text('edit 0')]))
    await follower.until(first)
    await statsOf(writer).configResetStat()

    const seqs = [first]
    for (let i = 1; i <= 20; i++) {
      const [seq] = await writer.log.appendUpdates('plan-a', authored([text(`edit ${i}`)]))
      seqs.push(seq)
      await follower.until(seq)
    }
    await follower.stop()

    expect(await calls(writer, 'xrange')).toBe(0)
    expect(follower.received.map(({ seq }) => seq)).toEqual(seqs)
    expect(follower.received.map(({ update }) => Buffer.from(update).toString())).toEqual(
      seqs.map((_, i) => `edit ${i}`),
    )
    expect(follower.received[1]).toMatchObject({ author: 'user-1', at: expect.any(String) })
    expect(follower.reloads).toEqual([])
  })

  it('tells the followers of an append from the append script itself: one round trip', async () => {
    const [writer, reader] = await instances(2)
    await writer.log.createPlan(planRecord('plan-m'), bytes(0))
    const follower = await following(reader, 'plan-m')
    const [first] = await writer.log.appendUpdates('plan-m', authored([text('edit 0')]))
    await follower.until(first)
    // MONITOR names where each command came from: a client's address, or `lua` for a script.
    const monitor = createClient({ url: redis.url })
    await monitor.connect()
    const lines: string[] = []
    await monitor.monitor((line: string) => lines.push(line))
    try {
      const seqs: string[] = []
      for (let i = 1; i <= 10; i++) {
        const [seq] = await writer.log.appendUpdates('plan-m', authored([text(`edit ${i}`)]))
        seqs.push(seq)
        await follower.until(seq)
      }
      await follower.stop()
      const publishes = lines.filter((line) => /\] "S?PUBLISH" "[^"]*plan-m/i.test(line))
      expect(publishes).toHaveLength(10)
      expect(publishes.every((line) => line.includes(' lua] '))).toBe(true)
      expect(lines.filter((line) => /\] "EVALSHA"/i.test(line))).toHaveLength(10)
      expect(follower.received.map(({ seq }) => seq)).toEqual([first, ...seqs])
    } finally {
      monitor.destroy()
    }
  })

  it('gives every entry once and in log order when two instances append at once', async () => {
    const [one, two, reader] = await instances(3)
    await one.log.createPlan(planRecord('plan-b'), bytes(0))
    const follower = await following(reader, 'plan-b')
    const writes = (stores: RedisStores, name: string) =>
      (async () => {
        for (let i = 0; i < 60; i++)
          await stores.log.appendUpdates('plan-b', authored([text(`${name} ${i}`)]))
      })()
    await Promise.all([writes(one, 'one'), writes(two, 'two')])
    const stored = (await reader.log.loadPlan('plan-b'))?.updates ?? []
    expect(stored).toHaveLength(120)
    await follower.until(stored[stored.length - 1].seq)
    await follower.stop()

    expect(follower.received.map(({ seq }) => seq)).toEqual(stored.map(({ seq }) => seq))
    expect(follower.received.map(({ update }) => Buffer.from(update).toString())).toEqual(
      stored.map(({ update }) => Buffer.from(update).toString()),
    )
  })

  it('reads the log for an append too large to carry in its notice', async () => {
    const [writer, reader] = await instances(2)
    await writer.log.createPlan(planRecord('plan-c'), bytes(0))
    const follower = await following(reader, 'plan-c')
    const [first] = await writer.log.appendUpdates('plan-c', authored([text('small')]))
    await follower.until(first)
    await statsOf(writer).configResetStat()

    const large = new Uint8Array(100 * 1024).fill(7)
    const [seq] = await writer.log.appendUpdates('plan-c', authored([large]))
    await follower.until(seq)
    await follower.stop()

    expect(await calls(writer, 'xrange')).toBeGreaterThan(0)
    expect(follower.received.map((entry) => entry.seq)).toEqual([first, seq])
    expect(follower.received[1].update).toEqual(large)
  })
})
