import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { FirstRunInfo } from '@tandem/shared'
import { ROLES } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const accountSchema = {
  type: 'object',
  required: ['email', 'name', 'role'],
  additionalProperties: false,
  properties: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
  },
} as const

const firstRunSchema = {
  type: 'object',
  required: ['demo'],
  additionalProperties: false,
  properties: {
    demo: {
      type: 'object',
      required: ['password', 'accounts'],
      additionalProperties: false,
      properties: {
        password: { type: 'string' },
        accounts: { type: 'array', items: accountSchema },
      },
    },
    generatedAdmin: {
      type: 'object',
      required: ['email'],
      additionalProperties: false,
      properties: { email: { type: 'string' } },
    },
  },
} as const

export type FirstRunAgrees = Agreed<SchemaAgrees<typeof firstRunSchema, FirstRunInfo>>

/**
 * `GET /api/first-run`: the demo accounts for the sign-in page. It answers only in demo mode
 * (404 otherwise), without signing in, since a demo's accounts are public by design.
 */
export async function firstRunRoute(
  fastify: FastifyInstance,
  deps: { firstRun: FirstRunInfo | undefined },
) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  app.get('/api/first-run', { schema: { response: { 200: firstRunSchema } } }, async () => {
    if (!deps.firstRun) throw new ApiProblem('notFound', 'Not in demo mode')
    return deps.firstRun
  })
}
