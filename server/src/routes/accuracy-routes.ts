import type { FastifyInstance } from 'fastify'
import type { AccuracyQuery, AccuracyReport } from '@tandem/shared'
import type { AccuracyReports } from '../accuracy/accuracy-reports.js'
import { requirePlanRole } from './plan-access-guard.js'
import { accuracyQuerySchema, accuracyReportSchema } from './accuracy-schemas.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'

/**
 * `GET /api/plans/:id/accuracy?lag=&family=&site=&sku=`: read-only, for any role with access
 * to the plan (an ERP or BI tool too). Documented in docs/forecasting.md.
 */
export async function accuracyRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { accuracy: AccuracyReports },
) {
  app.get<{ Params: { id: string }; Querystring: AccuracyQuery }>(
    '/api/plans/:id/accuracy',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: accuracyQuerySchema,
        response: accuracyReportSchema,
      },
    },
    async (request): Promise<AccuracyReport> => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      return deps.accuracy.report(planId, request.query)
    },
  )
}
