import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { AppDeps, PlanStore } from '@tandem/server'
import { buildApp, SqliteStore } from '@tandem/server'

/** A real Tandem server on a random port, with its own store. */
export interface TestServer {
  app: FastifyInstance
  store: PlanStore
  /** http://127.0.0.1:port */
  url: string
  /** ws://127.0.0.1:port/sync, the base a WebsocketProvider takes. */
  syncUrl: string
  /** Closes the app (flushing rooms); the store stays open unless `closeStore` is true. */
  close(closeStore?: boolean): Promise<void>
}

/** A fresh SQLite store in a temp dir, removed by `cleanup`. */
export async function tempSqliteStore(): Promise<{
  store: SqliteStore
  file: string
  cleanup: () => Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-test-'))
  const file = join(dir, 'tandem.db')
  const store = new SqliteStore(file)
  return {
    store,
    file,
    cleanup: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Builds the app on `store` and listens on port 0 (a free port). */
export async function startTestServer(
  store: PlanStore,
  options: Partial<AppDeps> = {},
): Promise<TestServer> {
  const app = await buildApp({ store, roomGraceMs: 50, ...options })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    app,
    store,
    url,
    syncUrl: `ws://127.0.0.1:${address.port}/sync`,
    close: async (closeStore = false) => {
      await app.close()
      if (closeStore) await store.close()
    },
  }
}

/** Creates a generated plan over REST and returns its id. */
export async function createPlan(
  server: Pick<TestServer, 'url'>,
  generator: { skuCount?: number; periodCount?: number; seed?: number } = {
    skuCount: 10,
    periodCount: 8,
  },
  id?: string,
): Promise<string> {
  const response = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'Test plan', generator }),
  })
  if (response.status !== 201)
    throw new Error(`create plan: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { plan: { id: string } }
  return body.plan.id
}
