import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { isValidId } from '@tandem/shared'
import { IMPORT_MEDIA_TYPES } from '../excel/read-import-file.js'
import { writeXlsx } from '../excel/write-xlsx.js'
import { meetingPack } from '../pack/meeting-pack.js'
import { packHtml } from '../pack/pack-html.js'
import { packSheets } from '../pack/pack-sheets.js'
import { PACK_LANGUAGES } from '../pack/pack-words.js'
import type { PdfPrinter } from '../pack/pdf-printer.js'
import { planDocOf } from '../plans/plan-doc-of.js'
import type { Accounts } from '../store/accounts.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import type { RouteDeps } from './route-deps.js'
import { xlsxFile } from './response-schemas.js'

const packQuery = {
  type: 'object',
  properties: { lang: { type: 'string', enum: PACK_LANGUAGES, default: 'en' } },
} as const

const pdfFile = {
  200: {
    description: 'The meeting pack printed by headless Chromium',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  },
} as const

/**
 * The meeting pack of a plan's live state, for anyone with a role in it: the executive
 * summary, the agenda (open flags and gaps by severity × value at risk) and the meeting's
 * decisions and actions, as a PDF (`?lang=en|zh-CN`) or an XLSX workbook.
 */
export async function meetingPackRoutes(
  fastify: FastifyInstance,
  deps: RouteDeps & { printer: PdfPrinter },
) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { accounts, printer } = deps

  const load = async (planId: string) => {
    const plan = await planDocOf(deps, planId, 'live')
    try {
      const pack = meetingPack(plan, new Date())
      const owners = new Set(pack.records.map((r) => r.owner).filter(Boolean))
      return { pack, nameOf: await userNames(accounts, owners) }
    } finally {
      plan.doc.destroy()
    }
  }
  const attachment = (planId: string, ext: string) =>
    `attachment; filename="${planId.replace(/[^A-Za-z0-9._-]/g, '_')}-meeting-pack.${ext}"`

  app.get(
    '/api/plans/:id/meeting-pack.pdf',
    { schema: { params: planIdParamsSchema, querystring: packQuery, response: pdfFile } },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const { pack, nameOf } = await load(planId)
      const file = await printer.print(packHtml(pack, request.query.lang, nameOf))
      return sendPack(reply, file, 'application/pdf', attachment(planId, 'pdf'))
    },
  )

  app.get(
    '/api/plans/:id/meeting-pack.xlsx',
    { schema: { params: planIdParamsSchema, querystring: packQuery, response: xlsxFile } },
    async (request, reply) => {
      const planId = request.params.id
      await requirePlanRole(deps, request, planId)
      const { pack, nameOf } = await load(planId)
      const file = await writeXlsx(packSheets(pack, request.query.lang, nameOf))
      return sendPack(reply, file, IMPORT_MEDIA_TYPES.xlsx, attachment(planId, 'xlsx'))
    },
  )
}

async function userNames(accounts: Accounts, ids: Set<string>): Promise<(id: string) => string> {
  const names = new Map<string, string>()
  for (const id of ids) {
    const user = isValidId(id) ? await accounts.getUser(id) : undefined
    if (user) names.set(id, user.name)
  }
  return (id) => names.get(id) ?? id
}

function sendPack(reply: FastifyReply, file: Buffer, type: string, disposition: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .send(file)
}
