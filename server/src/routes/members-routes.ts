import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole } from '../auth/plan-access.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { PlanRecords } from '../store/plan-records.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { members, noContent, readMarks } from './response-schemas.js'

/**
 * Who is in a plan (for @mentions and flag owners) and each caller's read marks of comment
 * threads (for unread markers and the notification list).
 */
export async function membersRoutes(
  fastify: FastifyInstance,
  deps: { log: PlanLog; records: PlanRecords; accounts: Accounts; auth: Authenticator },
) {
  const { records, accounts } = deps
  // Params, body and answers are typed from the route's own schemas.
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.get(
    '/api/plans/:id/members',
    { schema: { params: planIdParamsSchema, response: members } },
    async (request) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const users = await accounts.listUsers()
      const roles = await Promise.all(users.map((user) => planRole(accounts, user, planId)))
      return {
        members: users.flatMap((user, i) => {
          const role = roles[i]
          return role ? [{ id: user.id, name: user.name, email: user.email, role }] : []
        }),
      }
    },
  )

  app.get(
    '/api/plans/:id/read-marks',
    { schema: { params: planIdParamsSchema, response: readMarks } },
    async (request) => {
      const { user } = await requirePlanRole(deps, request, request.params.id)
      return { readMarks: await records.getReadMarks(request.params.id, user.id) }
    },
  )

  app.put(
    '/api/plans/:id/read-marks/:threadId',
    {
      schema: {
        params: {
          type: 'object',
          required: ['id', 'threadId'],
          properties: {
            id: { type: 'string', maxLength: 64 },
            threadId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' },
          },
        },
        body: {
          type: 'object',
          required: ['at'],
          additionalProperties: false,
          properties: { at: { type: 'string', format: 'date-time' } },
        },
        response: noContent,
      },
    },
    async (request, reply) => {
      const { user } = await requirePlanRole(deps, request, request.params.id)
      await records.setReadMark(
        request.params.id,
        user.id,
        request.params.threadId,
        new Date(request.body.at).toISOString(),
      )
      return reply.code(204).send()
    },
  )
}
