import type { FastifyInstance } from 'fastify'
import type { FirstRunInfo } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'

const accountSchema = {
  type: 'object',
  required: ['email', 'name', 'role'],
  properties: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
} as const

const firstRunSchema = {
  type: 'object',
  required: ['demo'],
  properties: {
    demo: {
      type: 'object',
      required: ['password', 'accounts'],
      properties: {
        password: { type: 'string' },
        accounts: { type: 'array', items: accountSchema },
      },
    },
    generatedAdmin: {
      type: 'object',
      required: ['email'],
      properties: { email: { type: 'string' } },
    },
  },
} as const

/**
 * `GET /api/first-run`: the demo accounts for the sign-in page. It answers only in demo mode
 * (404 otherwise), without signing in, since a demo's accounts are public by design.
 */
export async function firstRunRoute(
  app: FastifyInstance,
  deps: { firstRun: FirstRunInfo | undefined },
) {
  app.get('/api/first-run', { schema: { response: { 200: firstRunSchema } } }, async () => {
    if (!deps.firstRun) throw new ApiProblem('notFound', 'Not in demo mode')
    return deps.firstRun
  })
}
