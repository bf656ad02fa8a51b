import type { FastifyInstance } from 'fastify'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Stores } from '../store/stores.js'

/**
 * `GET /health`: 200 when the store answers, 503 with the reason when it does not. The store's
 * last reported error (a dropped connection, a failed feed read) is shown either way.
 */
export async function healthRoute(
  app: FastifyInstance,
  deps: { stores: Pick<Stores, 'kind' | 'health'>; rooms: RoomRegistry },
) {
  app.get('/health', async (_request, reply) => {
    const { reachable, lastError } = await deps.stores.health()
    const store = {
      kind: deps.stores.kind,
      reachable,
      ...(reachable ? {} : { reason: lastError?.message ?? 'the store does not answer' }),
      ...(lastError ? { lastError } : {}),
    }
    return reply.code(reachable ? 200 : 503).send({
      status: reachable ? 'ok' : 'unavailable',
      store,
      rooms: deps.rooms.size,
    })
  })
}
