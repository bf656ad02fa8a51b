import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { ApiProblem } from '../http/api-problem.js'
import { apiErrorResponses } from '../routes/api-error-schema.js'
import type { ServerMetrics } from './server-metrics.js'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * `GET /metrics`: the Prometheus text format, for a scraper that sends
 * `Authorization: Bearer <TANDEM_METRICS_TOKEN>`. Registered only when a token is configured.
 */
export async function metricsRoute(
  app: FastifyInstance,
  deps: { metrics: ServerMetrics; token: string },
) {
  const expected = digest(deps.token)
  deps.metrics.collectProcessMetrics()
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (bearer TANDEM_METRICS_TOKEN)',
        tags: ['operations'],
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...apiErrorResponses(401),
        },
      },
    },
    async (request, reply) => {
      const header = request.headers.authorization ?? ''
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
      if (!timingSafeEqual(digest(given), expected))
        throw new ApiProblem('unauthorized', 'Send Authorization: Bearer <TANDEM_METRICS_TOKEN>')
      const { body, contentType } = await deps.metrics.text()
      return reply.type(contentType).send(body)
    },
  )
}
