import { randomUUID } from 'node:crypto'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { NewUser, PlanRoleChange, PublicUser, UserChange } from '@tandem/shared'
import { NO_PLAN_ACCESS, ROLES, USE_DEFAULT_ROLE } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { endSessions } from '../auth/end-sessions.js'
import { hashPassword } from '../auth/password.js'
import { planRole } from '../auth/plan-access.js'
import type { PlanAccessLookup } from '../auth/plan-access.js'
import { refuseScenarioAccessChange } from '../auth/refuse-scenario-access-change.js'
import { publicUser, publicUserSchema, userAnswerSchema } from '../auth/public-user.js'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { UserPatch } from '../store/user-record.js'
import { UserExistsError } from '../store/user-record.js'
import { planPathParamsSchema, planUserParamsSchema } from './plan-schemas.js'
import { validPlanId } from './plans-routes.js'
import { planRoles } from './response-schemas.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const roleOrNull = { type: ['string', 'null'], enum: [...ROLES, null] } as const
const assignmentOrNull = {
  type: ['string', 'null'],
  enum: [...ROLES, NO_PLAN_ACCESS, USE_DEFAULT_ROLE, null],
} as const

const newUserBody = {
  type: 'object',
  required: ['email', 'name', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
    isAdmin: { type: 'boolean' },
    defaultRole: roleOrNull,
  },
} as const

const userChangeBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
    isAdmin: { type: 'boolean' },
    defaultRole: roleOrNull,
    disabled: { type: 'boolean' },
  },
} as const

const roleBody = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: { role: assignmentOrNull },
} as const

const userParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const

export type PublicUserAgrees = Agreed<SchemaAgrees<typeof publicUserSchema, PublicUser>>
export type NewUserAgrees = Agreed<SchemaAgrees<typeof newUserBody, NewUser>>
export type UserChangeAgrees = Agreed<SchemaAgrees<typeof userChangeBody, UserChange>>
export type RoleBodyAgrees = Agreed<SchemaAgrees<typeof roleBody, { role: PlanRoleChange }>>

/** Admin management of users, and per-plan role assignments (admin or the plan's planner). */
export async function usersRoutes(
  fastify: FastifyInstance,
  deps: {
    log: PlanLog
    accounts: Accounts & PlanAccessLookup
    auth: Authenticator
    rooms: RoomRegistry
  },
) {
  const { log, accounts, auth, rooms } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.get(
    '/api/users',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['users'],
            additionalProperties: false,
            properties: { users: { type: 'array', items: publicUserSchema } },
          },
        },
      },
    },
    async (request) => {
      await auth.requireAdmin(request)
      return { users: (await accounts.listUsers()).map(publicUser) }
    },
  )

  app.post(
    '/api/users',
    { schema: { body: newUserBody, response: { 201: userAnswerSchema } } },
    async (request, reply) => {
      await auth.requireAdmin(request)
      const body = request.body
      const user = {
        id: randomUUID(),
        email: body.email.trim().toLowerCase(),
        name: body.name,
        passwordHash: await hashPassword(body.password),
        isAdmin: body.isAdmin ?? false,
        defaultRole: body.defaultRole ?? null,
        disabled: false,
        createdAt: new Date().toISOString(),
        sessionVersion: 0,
      }
      try {
        await accounts.createUser(user)
      } catch (error) {
        if (error instanceof UserExistsError)
          throw new ApiProblem(
            'conflict',
            `A user with email ${user.email} already exists`,
            'email',
          )
        throw error
      }
      return reply.code(201).send({ user: publicUser(user) })
    },
  )

  app.patch(
    '/api/users/:id',
    { schema: { params: userParams, body: userChangeBody, response: { 200: userAnswerSchema } } },
    async (request) => {
      const admin = await auth.requireAdmin(request)
      const { password, ...rest } = request.body
      if (request.params.id === admin.id && rest.disabled) {
        throw new ApiProblem('badRequest', 'You cannot disable yourself', 'disabled')
      }
      if (request.params.id === admin.id && rest.isAdmin === false) {
        throw new ApiProblem('badRequest', 'You cannot remove your own admin right', 'isAdmin')
      }
      const patch: UserPatch = { ...rest }
      if (password !== undefined) patch.passwordHash = await hashPassword(password)
      const updated = await accounts.updateUser(request.params.id, patch)
      if (!updated) throw new ApiProblem('userNotFound', `No user ${request.params.id}`, 'id')
      // A new password ends the user's sessions and tokens, as their own change does.
      const user = password === undefined ? updated : await endSessions(accounts, rooms, updated.id)
      if (!user) throw new ApiProblem('userNotFound', `No user ${request.params.id}`, 'id')
      await rooms.recheckUser(user.id, (planId) => planRole(accounts, user, planId))
      return { user: publicUser(user) }
    },
  )

  app.get(
    '/api/plans/:id/roles',
    { schema: { params: planPathParamsSchema, response: planRoles } },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      return { roles: await accounts.getPlanRoles(planId) }
    },
  )

  /**
   * `role`: a role; `none`, or null (the plan role removed), to deny the plan whatever the
   * workspace default; `default` to clear the assignment so that the default applies again.
   */
  app.put(
    '/api/plans/:id/roles/:userId',
    { schema: { params: planUserParamsSchema, body: roleBody, response: planRoles } },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      const user = await accounts.getUser(request.params.userId)
      if (!user) throw new ApiProblem('userNotFound', `No user ${request.params.userId}`, 'userId')
      const { role } = request.body
      // A removed role is a deny: a workspace default must not let the user back in unasked.
      const assignment = role === null ? NO_PLAN_ACCESS : role === USE_DEFAULT_ROLE ? null : role
      await accounts.setPlanRole(planId, user.id, assignment)
      await rooms.recheckUser(user.id, (id) => planRole(accounts, user, id))
      return { roles: await accounts.getPlanRoles(planId) }
    },
  )

  async function requirePlanManager(
    planId: string,
    request: Parameters<Authenticator['require']>[0],
  ) {
    const user = await auth.require(request)
    if (!(await log.getPlan(planId)))
      throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
    if (!user.isAdmin && (await planRole(accounts, user, planId)) !== 'planner') {
      throw new ApiProblem('forbidden', "Only an admin or this plan's planner may manage its roles")
    }
    await refuseScenarioAccessChange(accounts, planId, 'roles')
  }
}
