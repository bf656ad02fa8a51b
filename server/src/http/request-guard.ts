import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiProblem } from './api-problem.js'

/** Options of the guard on state-changing requests. */
export interface RequestGuardOptions {
  /** Origins a browser may call from, besides the server's own ('*' for any). */
  allowedOrigins: string[]
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/**
 * Bodies a state-changing route accepts: JSON, and the two import formats sent as the raw body.
 * Browsers send text/plain, urlencoded and multipart across sites without a preflight.
 */
const BODY_TYPES = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]

/** True when a browser request comes from this server's own origin or an allowed one. */
export function originAllowed(request: FastifyRequest, allowed: string[]): boolean {
  const origin = request.headers.origin
  if (!origin) return request.headers['sec-fetch-site'] !== 'cross-site'
  const host = request.headers.host
  const own = host ? [`http://${host}`, `https://${host}`] : []
  return own.includes(origin) || allowed.includes(origin) || allowed.includes('*')
}

/**
 * Refuses state-changing requests from other sites (Origin, or Sec-Fetch-Site when Origin is
 * missing) and bodies other than JSON and the import formats, so a same-site page
 * cannot trigger a restore with a simple form post.
 */
export function installRequestGuard(app: FastifyInstance, options: RequestGuardOptions): void {
  app.addHook('onRequest', async (request) => {
    if (!CHANGING.has(request.method)) return
    const type = request.headers['content-type']
    const media = type?.split(';')[0].trim().toLowerCase()
    if (media !== undefined && !BODY_TYPES.includes(media)) {
      throw new ApiProblem(
        'unsupportedMediaType',
        `A ${media || 'body without type'} is not accepted; send application/json`,
        'content-type',
      )
    }
    if (!originAllowed(request, options.allowedOrigins)) {
      throw new ApiProblem(
        'originNotAllowed',
        `Origin ${request.headers.origin ?? '(cross-site)'} may not change anything here`,
        'origin',
      )
    }
  })
}
