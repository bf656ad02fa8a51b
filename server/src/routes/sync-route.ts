import type { FastifyInstance } from 'fastify'
import type { Role } from '@tandem/shared'
import { isRole } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { Room } from '../rooms/room.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { PlanStore } from '../store/plan-store.js'
import { SyncConnection } from '../sync/sync-connection.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { validPlanId } from './plans-routes.js'

interface SyncQuery {
  ext?: string
  role?: string
  name?: string
}

/**
 * `GET /sync/:planId` upgrades to a y-websocket socket. A missing plan is refused with 404
 * before the upgrade, so no socket opens for it.
 */
export async function syncRoute(
  app: FastifyInstance,
  deps: { store: PlanStore; rooms: RoomRegistry; defaultRole: Role },
) {
  const { store, rooms } = deps
  app.get<{ Params: { planId: string }; Querystring: SyncQuery }>(
    '/sync/:planId',
    {
      websocket: true,
      schema: {
        params: {
          ...planIdParamsSchema,
          required: ['planId'],
          properties: { planId: planIdParamsSchema.properties.id },
        },
        querystring: {
          type: 'object',
          properties: {
            ext: { type: 'string' },
            role: { type: 'string' },
            name: { type: 'string', maxLength: 100 },
          },
        },
      },
      preValidation: async (request) => {
        const id = validPlanId(request.params.planId)
        if (request.query.role !== undefined && !isRole(request.query.role)) {
          throw new ApiProblem('badRequest', `Unknown role "${request.query.role}"`, 'role')
        }
        if (!(await store.getPlan(id)))
          throw new ApiProblem('planNotFound', `No plan ${id}`, 'planId')
      },
    },
    (socket, request) => {
      const { ext, role, name } = request.query
      const connection = new SyncConnection(
        socket,
        { role: isRole(role) ? role : deps.defaultRole, name: name ?? '', extensions: ext === '1' },
        request.log,
      )
      let room: Room | undefined
      socket.on('close', () => {
        if (room) rooms.release(room)
      })
      rooms.open(request.params.planId).then(
        (opened) => {
          room = opened
          if (!opened) connection.close('planNotFound', 'The plan does not exist')
          else if (!connection.isOpen) rooms.release(opened)
          else connection.attach(opened)
        },
        (error: unknown) => {
          request.log.error({ err: error }, 'room failed to load')
          connection.close('internalError', 'The plan could not be loaded')
        },
      )
    },
  )
}
