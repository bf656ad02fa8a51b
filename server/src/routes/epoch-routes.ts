import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { EpochChangeAnswer } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const epochChanged = {
  type: 'object',
  required: ['documentEpoch'],
  additionalProperties: false,
  properties: { documentEpoch: { type: 'integer' } },
} as const

export type EpochChangedAgrees = Agreed<SchemaAgrees<typeof epochChanged, EpochChangeAnswer>>

/**
 * `POST /api/plans/:id/epoch`: a planner (or an admin) moves the plan to a new document epoch
 * now (fresh bases from the current values, empty overlays). Every open board reloads the plan
 * and re-applies its unsaved edits; cell history and versions are kept.
 */
export async function epochRoutes(fastify: FastifyInstance, deps: RouteDeps) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.post(
    '/api/plans/:id/epoch',
    { schema: { params: planIdParamsSchema, response: { 200: epochChanged } } },
    async (request) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId, ['planner'])
      const documentEpoch = await deps.rooms.startEpoch(planId)
      if (documentEpoch === undefined)
        throw new ApiProblem('conflict', 'The plan changed meanwhile; try again', 'id')
      return { documentEpoch }
    },
  )
}
