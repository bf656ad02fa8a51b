import { randomBytes } from 'node:crypto'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { IssuedToken, PasswordChange } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { endSessions } from '../auth/end-sessions.js'
import { hashPassword, verifyPassword } from '../auth/password.js'
import { setSessionCookie } from '../auth/session-cookie.js'
import { publicUser, publicUserSchema, userAnswerSchema } from '../auth/public-user.js'
import { SESSION_COOKIE } from '../auth/session-claims.js'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import { noContent } from './response-schemas.js'
import type { Agreed, SchemaAgrees, SchemaType } from './schema-agrees.js'

const credentialsSchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', maxLength: 254 },
    password: { type: 'string', maxLength: 1024 },
  },
} as const

const passwordChangeSchema = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: {
    currentPassword: { type: 'string', maxLength: 1024 },
    newPassword: { type: 'string', minLength: 8, maxLength: 1024 },
  },
} as const

const tokenAnswer = {
  type: 'object',
  required: ['token', 'expiresAt'],
  additionalProperties: false,
  properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
} as const

export type TokenAnswerAgrees = Agreed<SchemaAgrees<typeof tokenAnswer, IssuedToken>>

/** A token caller changing their password gets a new token with the user. */
const passwordChanged = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: { user: publicUserSchema, ...tokenAnswer.properties },
} as const

export type PasswordChangeAgrees = Agreed<SchemaAgrees<typeof passwordChangeSchema, PasswordChange>>

type Credentials = SchemaType<typeof credentialsSchema>

/**
 * Sign-in for browsers (cookie) and scripts (bearer token), sign-out, who am I, and changing
 * one's own password. Sign-out and a password change end every session and token of the user.
 */
export async function authRoutes(
  fastify: FastifyInstance,
  deps: {
    accounts: Accounts
    auth: Authenticator
    rooms: RoomRegistry
    secureCookies: boolean
    loginRateLimit: number
  },
) {
  const { accounts, auth, rooms } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
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

  app.post(
    '/api/login',
    { config: strict, schema: { body: credentialsSchema, response: { 200: userAnswerSchema } } },
    async (request, reply) => {
      const user = await signIn(request.body)
      setSessionCookie(reply, auth, user, deps.secureCookies)
      return { user: publicUser(user) }
    },
  )

  /** Ends every session and token of the caller, when there is a valid one, and the cookie. */
  app.post('/api/logout', { schema: { response: noContent } }, async (request, reply) => {
    const caller = await auth.caller(request).catch(() => undefined)
    if (caller) await endSessions(accounts, rooms, caller.user.id)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.code(204).send()
  })

  /**
   * Changes the caller's password and ends their other sessions and tokens. A browser gets a
   * new session cookie; a token caller gets a new token in the answer.
   */
  app.post(
    '/api/me/password',
    {
      config: strict,
      schema: { body: passwordChangeSchema, response: { 200: passwordChanged } },
    },
    async (request, reply) => {
      const { user, viaCookie } = await auth.caller(request)
      const { currentPassword, newPassword } = request.body
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new ApiProblem(
          'invalidCredentials',
          'The current password is wrong',
          'currentPassword',
        )
      }
      if (newPassword === currentPassword) {
        throw new ApiProblem(
          'badRequest',
          'The new password must differ from the current one',
          'newPassword',
        )
      }
      await accounts.updateUser(user.id, { passwordHash: await hashPassword(newPassword) })
      const changed = await endSessions(accounts, rooms, user.id)
      if (!changed) throw new ApiProblem('unauthorized', 'The account no longer exists')
      if (viaCookie) {
        setSessionCookie(reply, auth, changed, deps.secureCookies)
        return { user: publicUser(changed) }
      }
      return { user: publicUser(changed), ...auth.issue(changed, 'token') }
    },
  )

  app.get('/api/me', { schema: { response: { 200: userAnswerSchema } } }, async (request) => ({
    user: publicUser(await auth.require(request)),
  }))

  app.post(
    '/api/tokens',
    { config: strict, schema: { body: credentialsSchema, response: { 201: tokenAnswer } } },
    async (request, reply) => {
      const user = await signIn(request.body)
      return reply.code(201).send(auth.issue(user, 'token'))
    },
  )
}
