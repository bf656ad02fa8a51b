import type { FastifyInstance } from 'fastify'
import type { EpochChangeAnswer } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'

/**
 * `POST /api/plans/:id/epoch`: a planner (or an admin) moves the plan to a new document epoch
 * now (fresh bases from the current values, empty overlays). Every open board reloads the plan
 * and re-applies its unsaved edits; cell history and versions are kept.
 */
export async function epochRoutes(app: FastifyInstance, deps: RouteDeps) {
  app.post<{ Params: { id: string } }>(
    '/api/plans/:id/epoch',
    {
      schema: {
        params: planIdParamsSchema,
        response: {
          200: {
            type: 'object',
            required: ['documentEpoch'],
            additionalProperties: false,
            properties: { documentEpoch: { type: 'integer' } },
          },
        },
      },
    },
    async (request): Promise<EpochChangeAnswer> => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId, ['planner'])
      const documentEpoch = await deps.rooms.startEpoch(planId)
      if (documentEpoch === undefined)
        throw new ApiProblem('conflict', 'The plan changed meanwhile; try again', 'id')
      return { documentEpoch }
    },
  )
}
