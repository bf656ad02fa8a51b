import { randomBytes } from 'node:crypto'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import * as Y from 'yjs'
import type { CycleChangeResult, ReopenRequest, SignOffRequest } from '@tandem/shared'
import {
  checkReopen,
  checkSignOff,
  CYCLE_STAGES,
  readCycle,
  writeReopening,
  writeSignOff,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import type { VersionRecord } from '../store/plan-records.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'
import { cycleChanged } from './response-schemas.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const stage = { type: 'string', enum: [...CYCLE_STAGES] } as const

const signOffBody = {
  type: 'object',
  required: ['stage'],
  additionalProperties: false,
  properties: { stage },
} as const

const reopenBody = {
  type: 'object',
  required: ['stage', 'reason'],
  additionalProperties: false,
  properties: { stage, reason: { type: 'string', maxLength: 2000 } },
} as const

export type SignOffBodyAgrees = Agreed<SchemaAgrees<typeof signOffBody, SignOffRequest>>
export type ReopenBodyAgrees = Agreed<SchemaAgrees<typeof reopenBody, ReopenRequest>>

/**
 * Signing off and reopening the stages of the S&OP cycle. The server writes the sign-off and
 * the reopening into the plan document as itself, under the caller's user id, so no client can
 * sign off in another's name (clients may not write the stage or the logs at all). Signing off
 * the demand review publishes the sales submission version.
 */
export async function cycleRoutes(fastify: FastifyInstance, deps: RouteDeps) {
  const { records, rooms } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.post(
    '/api/plans/:id/cycle/sign-off',
    {
      schema: {
        params: planIdParamsSchema,
        body: signOffBody,
        response: cycleChanged,
      },
    },
    async (request) => {
      const planId = request.params.id
      const { user, role } = await requirePlanRole(deps, request, planId)
      const at = new Date().toISOString()
      const signed = request.body.stage
      return useRoom(rooms, planId, async (room): Promise<CycleChangeResult> => {
        await room.change(user.id, (plan) => {
          if (plan.readMeta().status === 'approved')
            throw new ApiProblem('conflict', 'The plan is approved and read-only', 'stage')
          const cycle = readCycle(plan.doc)
          const refused = checkSignOff(cycle.stage, cycle.complete, signed, role)
          if (refused) throw new ApiProblem(refused.code, refused.message, refused.field)
          writeSignOff(plan.doc, { stage: signed, by: user.id, at })
        })
        const cycle = readCycle(room.doc)
        if (signed !== 'demandReview') return { cycle }
        const version: VersionRecord = {
          id: `v-${randomBytes(5).toString('hex')}`,
          planId,
          name: `Sales submission ${at.slice(0, 10)}`,
          note: `Taken when ${user.name} signed off the demand review`,
          author: user.id,
          createdAt: at,
          kind: 'salesSubmission',
        }
        await records.createVersion(version, Y.encodeStateAsUpdate(room.doc))
        return { cycle, version }
      })
    },
  )

  app.post(
    '/api/plans/:id/cycle/reopen',
    {
      schema: {
        params: planIdParamsSchema,
        body: reopenBody,
        response: cycleChanged,
      },
    },
    async (request) => {
      const planId = request.params.id
      const { user, role } = await requirePlanRole(deps, request, planId)
      const at = new Date().toISOString()
      const { stage: reopened, reason } = request.body
      return useRoom(rooms, planId, async (room): Promise<CycleChangeResult> => {
        await room.change(user.id, (plan) => {
          if (plan.readMeta().status === 'approved')
            throw new ApiProblem('conflict', 'The plan is approved and read-only', 'stage')
          const cycle = readCycle(plan.doc)
          const refused = checkReopen(cycle.stage, cycle.complete, reopened, role, reason)
          if (refused) throw new ApiProblem(refused.code, refused.message, refused.field)
          writeReopening(plan.doc, { stage: reopened, by: user.id, at, reason: reason.trim() })
        })
        return { cycle: readCycle(room.doc) }
      })
    },
  )
}
