import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AccuracyReports } from '../accuracy/accuracy-reports.js'
import { requirePlanRole } from './plan-access-guard.js'
import { accuracyQuerySchema, accuracyReportSchema } from './accuracy-schemas.js'
import { ACCURACY_LOCALES, accuracyWorkbook } from '../accuracy/accuracy-workbook.js'
import { writeXlsx } from '../excel/write-xlsx.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { xlsxFile } from './response-schemas.js'
import type { RouteDeps } from './route-deps.js'

/**
 * `GET /api/plans/:id/accuracy?lag=&family=&site=&sku=`: read-only, for any role with access
 * to the plan (an ERP or BI tool too). Documented in docs/forecasting.md.
 */
export async function accuracyRoutes(
  fastify: FastifyInstance,
  deps: RouteDeps & { accuracy: AccuracyReports },
) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.get(
    '/api/plans/:id/accuracy',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: accuracyQuerySchema,
        response: accuracyReportSchema,
      },
    },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      return sendJson(reply, await deps.accuracy.json(planId, request.query))
    },
  )

  app.get(
    '/api/plans/:id/accuracy.xlsx',
    {
      schema: {
        params: planIdParamsSchema,
        querystring: {
          ...accuracyQuerySchema,
          properties: {
            ...accuracyQuerySchema.properties,
            locale: { type: 'string', enum: [...ACCURACY_LOCALES], default: 'en' },
          },
        },
        response: xlsxFile,
      },
    },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const { locale = 'en', ...query } = request.query
      const report = await deps.accuracy.report(planId, query)
      const file = await writeXlsx(accuracyWorkbook(report, locale))
      return sendXlsx(reply, file, `accuracy-lag-${report.lag}.xlsx`)
    },
  )
}

/**
 * The report is serialised once in the worker and cached as bytes: the schema documents the
 * answer, and the serializer never walks the ~1 MB object on the event loop.
 */
function sendJson(reply: FastifyReply, json: Buffer) {
  return reply.header('content-type', 'application/json; charset=utf-8').send(json)
}

/** A binary answer has no JSON type to derive, so the workbook goes out through a plain reply. */
function sendXlsx(reply: FastifyReply, file: Buffer, name: string) {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .send(file)
}
