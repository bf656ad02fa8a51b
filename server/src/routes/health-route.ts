import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { Lifecycle } from '../http/lifecycle.js'
import type { PlanLog } from '../store/plan-log.js'
import type { Stores } from '../store/stores.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import { liveSchema, readySchema } from './health-schemas.js'

/** How long a readiness probe waits for the plan log before it calls the store unavailable. */
const PROBE_TIMEOUT_MS = 2_000
/** A plan id no plan has: reading it goes the way a room load does, and finds nothing. */
const PROBE_PLAN_ID = 'health-probe'

/**
 * `GET /health/live`: the process answers. `GET /health/ready` (and its alias `/health`): 200
 * when the store answers and a plan can be read as a room load reads it; 503 with the reason when
 * not, or while the server drains for shutdown. The store's last reported error (a dropped
 * connection, a failed feed read) is shown either way, with the open rooms and the rooms whose
 * documents are still in memory (more than the open rooms means a room leaked).
 */
export async function healthRoute(
  fastify: FastifyInstance,
  deps: {
    stores: Pick<Stores, 'kind' | 'health'>
    log: Pick<PlanLog, 'getPlan'>
    rooms: RoomRegistry
    lifecycle: Lifecycle
  },
) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  app.get('/health/live', { schema: liveSchema }, async () => ({ status: 'ok' as const }))

  for (const url of ['/health/ready', '/health'])
    app.get(url, { schema: readySchema }, async (_request, reply) => {
      const health = await deps.stores.health()
      const { lastError } = health
      let reason = health.reachable
        ? await planLogReason(deps.log)
        : (lastError?.message ?? 'the store does not answer')
      const store = {
        kind: deps.stores.kind,
        reachable: health.reachable && reason === undefined,
        ...(reason === undefined ? {} : { reason }),
        ...(lastError ? { lastError } : {}),
      }
      const draining = deps.lifecycle.draining
      if (draining) reason = 'the server is shutting down'
      return reply.code(reason === undefined ? 200 : 503).send({
        status: draining ? 'draining' : reason === undefined ? 'ok' : 'unavailable',
        ...(reason === undefined ? {} : { reason }),
        store,
        rooms: deps.rooms.size,
        roomsInMemory: deps.rooms.roomsInMemory,
      })
    })
}

/** Why plans cannot be read right now, or undefined when they can. */
async function planLogReason(log: Pick<PlanLog, 'getPlan'>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('reading a plan timed out'), PROBE_TIMEOUT_MS)
  })
  try {
    return await Promise.race([
      log.getPlan(PROBE_PLAN_ID).then(
        () => undefined,
        (error: unknown) => `reading a plan failed: ${(error as Error).message}`,
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}
