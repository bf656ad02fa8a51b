import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { ActualsKind } from '@tandem/shared'
import { ACTUALS_KINDS, isActualsKind, PlanDoc, writeActualsRow } from '@tandem/shared'
import { issueAt } from '../excel/import-issue.js'
import type { ActualsEntry } from '../actuals/actuals-changes.js'
import { actualsChanges, changedCellCount } from '../actuals/actuals-changes.js'
import { IssueList } from '../excel/import-issue.js'
import type { ForecastRuns } from '../forecast/forecast-runs.js'
import { useRoom } from '../rooms/use-room.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { actualsWritten, forecastRunStarted, forecastRunState } from './response-schemas.js'
import type { RouteDeps } from './route-deps.js'

/** Rows one `PUT /api/plans/:id/actuals` may carry. */
export const MAX_ACTUALS_ROWS = 2_000_000

const actualsBodySchema = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: { rows: { type: 'array', maxItems: MAX_ACTUALS_ROWS, items: { type: 'object' } } },
} as const

/**
 * Actuals in, statistical forecast out: `PUT /api/plans/:id/actuals` (actual demand, or with
 * `kind: 'production'` actual production; a planner or an ERP job's token; all rows or none), `POST /api/plans/:id/forecast` (a planner starts a run)
 * and `GET /api/plans/:id/forecast` (its progress). Documented in docs/plan-document.md.
 */
export async function forecastRoutes(
  fastify: FastifyInstance,
  deps: RouteDeps & { forecasts: ForecastRuns },
) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.put(
    '/api/plans/:id/actuals',
    { schema: { params: planIdParamsSchema, body: actualsBodySchema, response: actualsWritten } },
    async (request) => {
      const planId = request.params.id
      const { user, role } = await requirePlanRole(deps, request, planId, ['planner'])
      const issues = new IssueList()
      const entries: Record<ActualsKind, ActualsEntry[]> = { demand: [], production: [] }
      request.body.rows.forEach((row, i) => {
        const at = (field: string) => ({ row: i + 1, field })
        const kind = row.kind ?? 'demand'
        if (!isActualsKind(kind))
          return issues.add(issueAt('unknownActualsKind', at('kind'), { value: String(kind) }))
        entries[kind].push({ sku: row.sku, period: row.period, value: row.value, at })
      })
      const answer = await useRoom(deps.rooms, planId, async (room) => {
        const plan = new PlanDoc(room.doc)
        const changes = ACTUALS_KINDS.map(
          (kind) => [kind, actualsChanges(plan, entries[kind], role, issues, kind)] as const,
        )
        issues.throwIfAny()
        const skus = new Set(changes.flatMap(([, byKind]) => [...byKind.keys()]))
        if (skus.size > 0)
          await room.change(user.id, (live) => {
            for (const [kind, byKind] of changes)
              for (const [sku, cells] of byKind) writeActualsRow(live, sku, cells, kind)
          })
        const changedCells = changes.reduce((n, [, byKind]) => n + changedCellCount(byKind), 0)
        return { changedCells, skus: skus.size }
      })
      request.log.info({ planId, ...answer }, 'actuals written')
      return answer
    },
  )

  app.post(
    '/api/plans/:id/forecast',
    { schema: { params: planIdParamsSchema, response: forecastRunStarted } },
    async (request, reply) => {
      const planId = request.params.id
      const { user } = await requirePlanRole(deps, request, planId, ['planner'])
      const status = await deps.forecasts.start(planId, user.id)
      return reply.code(202).send(status)
    },
  )

  app.get(
    '/api/plans/:id/forecast',
    { schema: { params: planIdParamsSchema, response: forecastRunState } },
    async (request) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      return deps.forecasts.status(planId)
    },
  )
}
