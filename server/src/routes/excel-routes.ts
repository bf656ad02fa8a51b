import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireMayCreatePlans } from '../auth/may-create-plans.js'
import type { ImportPreviewBody } from '@tandem/shared'
import { PlanDoc, writeActualsRow, writeCells } from '@tandem/shared'
import { actualsChanges, changedCellCount } from '../actuals/actuals-changes.js'
import { importChanges } from '../excel/import-changes.js'
import { ImportDeadline } from '../excel/import-deadline.js'
import { ImportProblem, issueAnswer, IssueList } from '../excel/import-issue.js'
import { IMPORT_LIMITS } from '../excel/import-limits.js'
import { importTemplate } from '../excel/import-template.js'
import { planGridSheet } from '../excel/plan-grid-sheets.js'
import { planUserNames } from '../excel/plan-user-names.js'
import { planWorkbook } from '../excel/plan-workbook.js'
import type { ImportFormat } from '../excel/read-import-file.js'
import { IMPORT_MEDIA_TYPES } from '../excel/read-import-file.js'
import { parseColumnMapping } from '../excel/parse-column-mapping.js'
import { readPlanFile, readPlanSheet } from '../excel/read-plan-file.js'
import { writeCsv } from '../excel/write-csv.js'
import { writeXlsx } from '../excel/write-xlsx.js'
import { ApiProblem } from '../http/api-problem.js'
import { planDocOf } from '../plans/plan-doc-of.js'
import { newPlanId, storeNewPlan } from '../plans/store-new-plan.js'
import { useRoom } from '../rooms/use-room.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'
import { csvFile, importApplied, importPreview, planCreated, xlsxFile } from './response-schemas.js'

/** The column-mapping step's answer (JSON), when a file's header was not understood. */
const mappingQuery = {
  type: 'object',
  properties: { mapping: { type: 'string', maxLength: 8192 } },
} as const

const versionQuery = {
  type: 'object',
  properties: { version: { type: 'string', maxLength: 64, default: 'live' } },
} as const

/**
 * The Excel and CSV round trip: the import template, a new plan from a file, a preview and an
 * apply of a file's demand and supply changes to a live plan, and exports of the live plan or
 * a version. The layout is documented in docs/import-format.md.
 */
export async function excelRoutes(
  fastify: FastifyInstance,
  deps: RouteDeps & { importTimeLimitMs: number },
) {
  // Params, query, body and answers are typed from the routes' own schemas.
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { log, accounts, rooms, auth } = deps
  const deadline = () => new ImportDeadline(deps.importTimeLimitMs)

  app.addContentTypeParser(
    Object.values(IMPORT_MEDIA_TYPES),
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.bytes },
    (_request, body, done) => done(null, body),
  )
  app.setErrorHandler((error, _request, reply) => {
    if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error
    const problem = ImportProblem.single('fileTooLarge', {}, { maxBytes: IMPORT_LIMITS.bytes })
    return reply.code(problem.status).send({ ...problem.toBody(), field: 'file' })
  })

  app.get(
    '/api/plans/import-template.xlsx',
    { schema: { response: xlsxFile } },
    async (request, reply) => {
      await auth.require(request)
      const file = await writeXlsx(importTemplate())
      return sendFile(reply, file, 'xlsx', 'tandem-import-template.xlsx')
    },
  )

  app.post(
    '/api/plans/import',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            id: { type: 'string', maxLength: 64 },
            mapping: { type: 'string', maxLength: 8192 },
          },
        },
        response: planCreated,
      },
    },
    async (request, reply) => {
      const user = await auth.require(request)
      requireMayCreatePlans(user)
      const id = newPlanId(request.query.id)
      if (await log.getPlan(id)) throw new ApiProblem('conflict', `Plan ${id} already exists`, 'id')
      const started = performance.now()
      const mapping = parseColumnMapping(request.query.mapping)
      const [file, format] = uploaded(request)
      const input = await readPlanFile(file, format, deadline(), request.query.name, mapping)
      const { record } = await storeNewPlan(log, id, input)
      request.log.info(
        { planId: id, skus: record.skuCount, ms: Math.round(performance.now() - started) },
        'plan imported',
      )
      return reply.code(201).send({ plan: record })
    },
  )

  app.post(
    '/api/plans/:id/import/preview',
    {
      schema: { params: planIdParamsSchema, querystring: mappingQuery, response: importPreview },
    },
    async (request): Promise<ImportPreviewBody> => {
      const planId = request.params.id
      const { role, sites } = await requirePlanRole(deps, request, planId)
      const issues = new IssueList()
      const mapping = parseColumnMapping(request.query.mapping)
      const sheet = await readPlanSheet(...uploaded(request), deadline(), issues, mapping)
      const [cells, actuals, production] = await useRoom(rooms, planId, (room) => {
        const plan = new PlanDoc(room.doc)
        return [
          importChanges(plan, sheet, role, issues, sites),
          actualsChanges(plan, sheet.actuals, role, issues),
          actualsChanges(plan, sheet.production, role, issues, 'production'),
        ] as const
      })
      return {
        cells: cells.slice(0, IMPORT_LIMITS.listedCells),
        changedCells: cells.length,
        changedActuals: changedCellCount(actuals) + changedCellCount(production),
        errors: issues.listed.map(issueAnswer),
        errorCount: issues.count,
      }
    },
  )

  app.post(
    '/api/plans/:id/import/apply',
    {
      schema: { params: planIdParamsSchema, querystring: mappingQuery, response: importApplied },
    },
    async (request) => {
      const planId = request.params.id
      const { user, role, sites } = await requirePlanRole(deps, request, planId)
      const issues = new IssueList()
      const mapping = parseColumnMapping(request.query.mapping)
      const sheet = await readPlanSheet(...uploaded(request), deadline(), issues, mapping)
      issues.throwIfAny()
      let appliedActuals = 0
      const appliedCells = await useRoom(rooms, planId, (room) =>
        room.change(
          user.id,
          (live) => {
            const cells = importChanges(live, sheet, role, issues, sites)
            const actuals = actualsChanges(live, sheet.actuals, role, issues)
            const production = actualsChanges(live, sheet.production, role, issues, 'production')
            if (!issues.isEmpty) {
              throw new ImportProblem(issues.listed, issues.count)
            }
            writeCells(
              live,
              cells.map(({ measure, key, period, to }) => ({ measure, key, period, value: to })),
            )
            for (const [sku, changed] of actuals) writeActualsRow(live, sku, changed)
            for (const [sku, changed] of production)
              writeActualsRow(live, sku, changed, 'production')
            appliedActuals = changedCellCount(actuals) + changedCellCount(production)
          },
          'import',
        ),
      )
      request.log.info({ planId, cells: appliedCells, actuals: appliedActuals }, 'import applied')
      return { appliedCells, appliedActuals }
    },
  )

  app.get(
    '/api/plans/:id/export.xlsx',
    { schema: { params: planIdParamsSchema, querystring: versionQuery, response: xlsxFile } },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const plan = await planDocOf(deps, planId, request.query.version, 'version')
      try {
        const file = await writeXlsx(planWorkbook(plan, await planUserNames(accounts, plan)))
        return sendFile(reply, file, 'xlsx', `${planId}-${request.query.version}.xlsx`)
      } finally {
        plan.doc.destroy()
      }
    },
  )

  app.get(
    '/api/plans/:id/export.csv',
    { schema: { params: planIdParamsSchema, querystring: versionQuery, response: csvFile } },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const plan = await planDocOf(deps, planId, request.query.version, 'version')
      try {
        const file = writeCsv(planGridSheet(plan))
        return sendFile(reply, file, 'csv', `${planId}-${request.query.version}.csv`)
      } finally {
        plan.doc.destroy()
      }
    },
  )
}

/** The uploaded file and its format, from the body and its content type. */
function uploaded(request: FastifyRequest): [Buffer, ImportFormat] {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase()
  const format = (Object.keys(IMPORT_MEDIA_TYPES) as ImportFormat[]).find(
    (f) => IMPORT_MEDIA_TYPES[f] === type,
  )
  if (!format || !Buffer.isBuffer(request.body)) {
    throw new ApiProblem(
      'badRequest',
      `Send the file as the body, with content-type ${IMPORT_MEDIA_TYPES.xlsx} or ${IMPORT_MEDIA_TYPES.csv}`,
      'file',
    )
  }
  return [request.body, format]
}

function sendFile(reply: FastifyReply, file: Buffer, format: ImportFormat, name: string) {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_')
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : IMPORT_MEDIA_TYPES.xlsx)
    .header('content-disposition', `attachment; filename="${safe}"`)
    .header('x-content-type-options', 'nosniff')
    .send(file)
}
