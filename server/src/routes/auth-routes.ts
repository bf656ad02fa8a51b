import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Authenticator } from '../auth/authenticator.js'
import { SESSION_TTL_SECONDS } from '../auth/authenticator.js'
import { hashPassword, verifyPassword } from '../auth/password.js'
import { publicUser, publicUserSchema } from '../auth/public-user.js'
import { SESSION_COOKIE } from '../auth/session-claims.js'
import { ApiProblem } from '../http/api-problem.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'

interface Credentials {
  email: string
  password: string
}

const credentialsSchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', maxLength: 254 },
    password: { type: 'string', maxLength: 1024 },
  },
} as const

/** Sign-in for browsers (cookie) and scripts (bearer token), sign-out, and who am I. */
export async function authRoutes(
  app: FastifyInstance,
  deps: { accounts: Accounts; auth: Authenticator; secureCookies: boolean; loginRateLimit: number },
) {
  const { accounts, auth } = deps
  // An unknown email costs the same scrypt as a wrong password, so timing reveals no accounts.
  let decoyHash: Promise<string> | undefined
  const signIn = async ({ email, password }: Credentials): Promise<UserRecord> => {
    const user = await accounts.getUserByEmail(email.trim().toLowerCase())
    decoyHash ??= hashPassword(randomBytes(18).toString('base64url'))
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash))
    if (!user || !ok)
      throw new ApiProblem('invalidCredentials', 'The email or password is wrong', 'password')
    if (user.disabled) throw new ApiProblem('userDisabled', 'This account is disabled')
    return user
  }
  const strict = { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } }

  app.post<{ Body: Credentials }>(
    '/api/login',
    {
      config: strict,
      schema: {
        body: credentialsSchema,
        response: { 200: { type: 'object', properties: { user: publicUserSchema } } },
      },
    },
    async (request, reply) => {
      const user = await signIn(request.body)
      const { token } = auth.issue(user, 'session')
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: SESSION_TTL_SECONDS,
      })
      return { user: publicUser(user) }
    },
  )

  app.post('/api/logout', async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send()
  })

  app.get(
    '/api/me',
    { schema: { response: { 200: { type: 'object', properties: { user: publicUserSchema } } } } },
    async (request) => ({
      user: publicUser(await auth.require(request)),
    }),
  )

  app.post<{ Body: Credentials }>(
    '/api/tokens',
    {
      config: strict,
      schema: {
        body: credentialsSchema,
        response: {
          201: {
            type: 'object',
            properties: { token: { type: 'string' }, expiresAt: { type: 'string' } },
          },
        },
      },
    },
    async (request, reply) => {
      const user = await signIn(request.body)
      return reply.code(201).send(auth.issue(user, 'token'))
    },
  )
}
