import type { FastifyInstance } from 'fastify'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { PlanStore } from '../store/plan-store.js'

/** `GET /health`: 200 when the store answers, 503 when it does not. */
export async function healthRoute(
  app: FastifyInstance,
  deps: { store: PlanStore; rooms: RoomRegistry },
) {
  app.get('/health', async (_request, reply) => {
    const storeUp = await deps.store.ping()
    return reply.code(storeUp ? 200 : 503).send({
      status: storeUp ? 'ok' : 'unavailable',
      store: { kind: deps.store.kind, reachable: storeUp },
      rooms: deps.rooms.size,
    })
  })
}
