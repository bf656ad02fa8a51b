import { randomBytes } from 'node:crypto'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import * as Y from 'yjs'
import type { CellEdit, CellHistoryResponse } from '@tandem/shared'
import { requireMayCreatePlans } from '../auth/may-create-plans.js'
import {
  comparePlans,
  isFrozenPeriod,
  isValidId,
  PlanDoc,
  rollForward,
  writeCells,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { VersionExistsError } from '../store/plan-records.js'
import { planDocOf } from '../plans/plan-doc-of.js'
import { newPlanId, storeNewPlan } from '../plans/store-new-plan.js'
import { useRoom } from '../rooms/use-room.js'
import { requirePlanRole } from './plan-access-guard.js'
import { measureSchema } from './common-schemas.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'
import { withScenarioEvents } from '../scenarios/scenario-activity.js'
import {
  activity,
  cellHistory,
  comparison,
  planCreated,
  restoreResult,
  snapshotFile,
  versionCreated,
  versionList,
} from './response-schemas.js'

const versionParams = {
  type: 'object',
  required: ['id', 'versionId'],
  properties: {
    id: { type: 'string', maxLength: 64 },
    versionId: { type: 'string', maxLength: 64 },
  },
} as const

/**
 * Versions (publish, list, open, compare, restore), per-cell history, the activity feed and
 * rolling a published plan forward into the next cycle.
 */
export async function versionsRoutes(fastify: FastifyInstance, deps: RouteDeps) {
  // Params, query, body and answers are typed from the routes' own schemas.
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { log, records, rooms } = deps

  /** Runs `use` on the plan's live room, which stays loaded only as long as someone needs it. */
  app.post(
    '/api/plans/:id/versions',
    {
      schema: {
        params: planIdParamsSchema,
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', maxLength: 64 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            note: { type: 'string', maxLength: 4000 },
          },
        },
        response: versionCreated,
      },
    },
    async (request, reply) => {
      const planId = request.params.id
      const { user } = await requirePlanRole(deps, request, planId, ['planner'])
      const id = request.body.id ?? `v-${randomBytes(5).toString('hex')}`
      if (!isValidId(id))
        throw new ApiProblem('invalidId', `"${id}" is not a valid version id`, 'id')
      const snapshot = await useRoom(rooms, planId, async (room) => {
        await room.whenDurable()
        return Y.encodeStateAsUpdate(room.doc)
      })
      const record = {
        id,
        planId,
        name: request.body.name,
        note: request.body.note ?? '',
        author: user.id,
        createdAt: new Date().toISOString(),
        kind: 'manual' as const,
      }
      try {
        await records.createVersion(record, snapshot)
      } catch (error) {
        if (error instanceof VersionExistsError)
          throw new ApiProblem('conflict', `Version ${id} already exists`, 'id')
        throw error
      }
      return reply.code(201).send({ version: record })
    },
  )

  app.get(
    '/api/plans/:id/versions',
    { schema: { params: planIdParamsSchema, response: versionList } },
    async (request) => {
      await requirePlanRole(deps, request, request.params.id)
      return { versions: await records.listVersions(request.params.id) }
    },
  )

  app.get(
    '/api/plans/:id/versions/:versionId/snapshot',
    { schema: { params: versionParams, response: snapshotFile } },
    async (request, reply) => {
      await requirePlanRole(deps, request, request.params.id)
      const version = await records.loadVersion(request.params.id, request.params.versionId)
      if (!version)
        throw new ApiProblem('notFound', `No version ${request.params.versionId}`, 'versionId')
      return sendBytes(reply, version.snapshot)
    },
  )

  app.get(
    '/api/plans/:id/compare',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: {
          type: 'object',
          required: ['from'],
          properties: {
            from: { type: 'string', maxLength: 64 },
            to: { type: 'string', maxLength: 64 },
          },
        },
        response: comparison,
      },
    },
    async (request) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const from = await planDocOf(deps, planId, request.query.from)
      const to = await planDocOf(deps, planId, request.query.to ?? 'live')
      return comparePlans(from, to)
    },
  )

  app.post(
    '/api/plans/:id/versions/:versionId/restore',
    { schema: { params: versionParams, response: restoreResult } },
    async (request) => {
      const planId = request.params.id
      const { user } = await requirePlanRole(deps, request, planId, ['planner'])
      const version = await planDocOf(deps, planId, request.params.versionId)
      let skippedFrozen = 0
      const cells = await useRoom(rooms, planId, (room) =>
        room.change(
          user.id,
          (live) => {
            const meta = live.readMeta()
            if (meta.status === 'approved')
              throw new ApiProblem(
                'conflict',
                'The plan is approved: set it to draft first',
                'status',
              )
            const edits: CellEdit[] = []
            for (const diff of comparePlans(live, version).cells) {
              if (!live.row(diff.measure, diff.key)) continue
              if (isFrozenPeriod(meta, diff.period)) {
                skippedFrozen++
                continue
              }
              edits.push({
                measure: diff.measure,
                key: diff.key,
                period: diff.period,
                value: diff.to,
              })
            }
            writeCells(live, edits)
          },
          'restore',
        ),
      )
      return { restoredCells: cells, skippedFrozen }
    },
  )

  app.get(
    '/api/plans/:id/history',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: {
          type: 'object',
          required: ['measure', 'key', 'period'],
          properties: {
            measure: measureSchema,
            key: { type: 'string', maxLength: 64 },
            period: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: cellHistory,
      },
    },
    async (request): Promise<CellHistoryResponse> => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const { measure, key, period, limit } = request.query
      const history = await records.cellHistory(planId, { measure, key, period }, limit ?? 100)
      const { base, current } = await useRoom(rooms, planId, async (room) => {
        await room.whenDurable()
        const plan = new PlanDoc(room.doc)
        const row = plan.row(measure, key)
        if (!row || period >= plan.periodCount)
          throw new ApiProblem('notFound', `No cell ${measure} ${key}, period ${period}`, 'key')
        return { base: row.base.get(period) ?? 0, current: plan.readCell(measure, key, period) }
      })
      return { history, base, current }
    },
  )

  app.get(
    '/api/plans/:id/activity',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
        },
        response: activity,
      },
    },
    async (request) => {
      await requirePlanRole(deps, request, request.params.id)
      const limit = request.query.limit ?? 50
      const edits = await records.activity(request.params.id, limit)
      const scenarios = (await deps.scenarios?.listScenarios(request.params.id)) ?? []
      return { activity: withScenarioEvents(edits, scenarios, limit) }
    },
  )

  app.post(
    '/api/plans/:id/roll-forward',
    {
      schema: {
        params: planIdParamsSchema,
        body: {
          type: 'object',
          required: ['versionId', 'periods', 'name'],
          additionalProperties: false,
          properties: {
            versionId: { type: 'string', maxLength: 64 },
            periods: { type: 'integer', minimum: 1, maximum: 155 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            id: { type: 'string', maxLength: 64 },
          },
        },
        response: planCreated,
      },
    },
    async (request, reply) => {
      const planId = request.params.id
      const { user } = await requirePlanRole(deps, request, planId, ['planner'])
      requireMayCreatePlans(user)
      const version = await planDocOf(deps, planId, request.body.versionId)
      let input
      try {
        input = rollForward(version, request.body.periods, request.body.name)
      } catch (error) {
        throw new ApiProblem('badRequest', (error as Error).message, 'periods')
      }
      const { record } = await storeNewPlan(log, newPlanId(request.body.id), input)
      return reply.code(201).send({ plan: record })
    },
  )
}

/**
 * Sends bytes through a plain reply: the schema describes them as a binary string, for the
 * OpenAPI document, and the typed reply would take only a string.
 */
function sendBytes(reply: FastifyReply, bytes: Uint8Array) {
  return reply.type('application/octet-stream').send(Buffer.from(bytes))
}
