import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SignInMethods, SsoError } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { OidcClient, OidcFailure } from '../auth/oidc-client.js'
import type { OidcSettings } from '../auth/oidc-settings.js'
import {
  OIDC_TRANSACTION_COOKIE,
  OIDC_TRANSACTION_TTL_MS,
  openTransaction,
  safeReturnPath,
  sealTransaction,
} from '../auth/oidc-transaction.js'
import { setSessionCookie } from '../auth/session-cookie.js'
import { SsoAccountRefused, ssoAccount } from '../auth/sso-account.js'
import type { Accounts } from '../store/accounts.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const CALLBACK_PATH = '/api/auth/oidc/callback'

const methodsSchema = {
  type: 'object',
  required: ['password', 'sso'],
  additionalProperties: false,
  properties: {
    password: { type: 'boolean', enum: [true] },
    sso: {
      type: ['object', 'null'],
      required: ['label'],
      additionalProperties: false,
      properties: { label: { type: 'string' } },
    },
  },
} as const

export type SignInMethodsAgree = Agreed<SchemaAgrees<typeof methodsSchema, SignInMethods>>

/** What the provider may send back besides the code: untyped, so a malformed one still redirects. */
const callbackQuery = {
  type: 'object',
  properties: { error: {}, error_description: {} },
} as const

const redirectOnly = {
  302: { type: 'null', description: 'A redirect (Location header)' },
} as const

/**
 * OpenID Connect single sign-on (when configured) and `GET /api/auth/methods`, which tells the
 * sign-in page what to offer. The flow is the authorisation code flow with PKCE: `start`
 * sends the browser to the provider with a signed, short-lived transaction cookie; the
 * provider sends it back to `callback`, which checks the cookie, redeems the code, finds or
 * creates the account by email and sets the same session cookie as a password sign-in.
 * Failures land on the sign-in page with `?ssoError=<code>`; details go to the log.
 */
export async function oidcRoutes(
  fastify: FastifyInstance,
  deps: {
    accounts: Accounts
    auth: Authenticator
    oidc: OidcSettings | undefined
    /** Signs the transaction cookie. */
    secret: string
    secureCookies: boolean
    loginRateLimit: number
  },
) {
  const { oidc } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  app.get(
    '/api/auth/methods',
    { schema: { response: { 200: methodsSchema } } },
    async (): Promise<SignInMethods> => ({
      password: true,
      sso: oidc ? { label: oidc.label } : null,
    }),
  )
  if (!oidc) return
  const client = new OidcClient(oidc)
  const strict = { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } }
  const redirectUrlOf = (request: FastifyRequest): string =>
    oidc.redirectUrl ?? `${request.protocol}://${request.host}${CALLBACK_PATH}`
  const fail = (reply: FastifyReply, code: SsoError): FastifyReply => {
    reply.clearCookie(OIDC_TRANSACTION_COOKIE, { path: CALLBACK_PATH })
    return reply.redirect(`/?ssoError=${code}`, 302)
  }

  app.get(
    '/api/auth/oidc/start',
    {
      config: strict,
      schema: {
        querystring: {
          type: 'object',
          properties: { returnTo: { type: 'string', maxLength: 2048 } },
        },
        response: redirectOnly,
      },
    },
    async (request, reply) => {
      let started: Awaited<ReturnType<OidcClient['start']>>
      try {
        started = await client.start(redirectUrlOf(request), safeReturnPath(request.query.returnTo))
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on could not start')
        if (error instanceof OidcFailure) return fail(reply, 'ssoFailed')
        throw error
      }
      reply.setCookie(OIDC_TRANSACTION_COOKIE, sealTransaction(deps.secret, started.transaction), {
        path: CALLBACK_PATH,
        httpOnly: true,
        // The provider's redirect back is a top-level cross-site GET: Lax still sends it.
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: OIDC_TRANSACTION_TTL_MS / 1000,
      })
      return reply.redirect(started.url, 302)
    },
  )

  app.get(
    CALLBACK_PATH,
    { config: strict, schema: { querystring: callbackQuery, response: redirectOnly } },
    async (request, reply) => {
      const transaction = openTransaction(deps.secret, request.cookies[OIDC_TRANSACTION_COOKIE])
      if (!transaction) return fail(reply, 'ssoExpired')
      const { query } = request
      if (typeof query.error === 'string') {
        request.log.warn(
          { error: query.error, description: query.error_description },
          'the identity provider refused the sign-in',
        )
        return fail(reply, 'ssoFailed')
      }
      const callbackUrl = new URL(request.url, transaction.redirectUrl)
      let claims: Record<string, unknown>
      try {
        claims = await client.finish(callbackUrl, transaction)
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on failed')
        if (error instanceof OidcFailure) return fail(reply, 'ssoFailed')
        throw error
      }
      try {
        const user = await ssoAccount(deps.accounts, claims, oidc)
        reply.clearCookie(OIDC_TRANSACTION_COOKIE, { path: CALLBACK_PATH })
        setSessionCookie(reply, deps.auth, user, deps.secureCookies)
        request.log.info({ userId: user.id }, 'signed in through single sign-on')
        return reply.redirect(transaction.returnTo, 302)
      } catch (error) {
        if (!(error instanceof SsoAccountRefused)) throw error
        request.log.warn({ reason: error.message }, 'single sign-on gave no usable account')
        return fail(reply, error.code)
      }
    },
  )
}
