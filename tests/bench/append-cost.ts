import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Stores } from '@tandem/server'
import { connectRedisStores, openSqliteStores } from '@tandem/server'
import type { BenchPlan } from './bench-plan.js'
import { percentile } from './percentile.js'

/** p50 and p99 of one single-update append, awaited one at a time, in ms. */
export async function appendCost(
  backend: { kind: 'sqlite' } | { kind: 'redis'; url: string },
  plan: BenchPlan,
  updates: Uint8Array[],
): Promise<{ p50: number; p99: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-append-'))
  const store: Stores =
    backend.kind === 'sqlite'
      ? openSqliteStores(join(dir, 'tandem.db'))
      : await connectRedisStores(backend.url, { prefix: `append-${process.pid}-${Date.now()}` })
  try {
    await store.log.createPlan(plan.record, plan.snapshot)
    const times: number[] = []
    for (const update of updates) {
      const started = performance.now()
      await store.log.appendUpdates(plan.id, [{ update, author: 'bench' }])
      times.push(performance.now() - started)
    }
    return { p50: percentile(times, 50), p99: percentile(times, 99) }
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}
