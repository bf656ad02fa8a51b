import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/** Options of {@link installSecurityHeaders}. */
export interface SecurityHeadersOptions {
  /** Served over HTTPS: adds HSTS and upgrades insecure requests. */
  https: boolean
}

/**
 * The Content Security Policy the built client runs under: its own scripts and styles only (no
 * inline code; Vite emits none), sockets to the server it came from, images and fonts from
 * itself, `data:` and `blob:` (canvas grid, chart and exports), and nothing may frame it.
 */
export function contentSecurityPolicy(https: boolean) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      // 'self' covers ws: and wss: to the same host in CSP 3; older browsers need the origin.
      connectSrc: ["'self'", socketOrigin],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
  }
}

function socketOrigin(request: { headers: { host?: string } }): string {
  const host = request.headers.host ?? ''
  // A Host header that is not a plain host[:port] must not inject directives.
  return /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:.]+\](:\d+)?$/.test(host)
    ? `ws://${host} wss://${host}`
    : "'self'"
}

/**
 * Helmet's headers on every answer: the CSP above, nosniff, no referrer across origins,
 * same-origin opener and resource policies, and HSTS when served over HTTPS.
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: SecurityHeadersOptions,
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: contentSecurityPolicy(options.https),
    strictTransportSecurity: options.https ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'same-origin' },
  })
}
