import type { FastifyInstance } from 'fastify'
import type { ImportRunKind, ServerMetrics } from './server-metrics.js'

const IMPORT_ROUTES: Record<string, ImportRunKind> = {
  '/api/plans/import': 'create',
  '/api/plans/:id/import/preview': 'preview',
  '/api/plans/:id/import/apply': 'apply',
}

/** Counts each answered import request by route and outcome (2xx ok, 4xx refused, 5xx failed). */
export function countImportRuns(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const kind = IMPORT_ROUTES[request.routeOptions.url ?? '']
    if (!kind || request.method !== 'POST') return
    const status = reply.statusCode
    metrics.importRun(kind, status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed')
  })
}
