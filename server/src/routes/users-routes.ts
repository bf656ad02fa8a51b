import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { NewUser, PlanRoleAssignment, UserChange } from '@tandem/shared'
import { NO_PLAN_ACCESS, ROLES } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { endSessions } from '../auth/end-sessions.js'
import { hashPassword } from '../auth/password.js'
import { planRole } from '../auth/plan-access.js'
import type { PlanAccessLookup } from '../auth/plan-access.js'
import { refuseScenarioAccessChange } from '../auth/refuse-scenario-access-change.js'
import { publicUser, publicUserSchema } from '../auth/public-user.js'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { UserPatch } from '../store/user-record.js'
import { UserExistsError } from '../store/user-record.js'
import { validPlanId } from './plans-routes.js'
import { planRoles } from './response-schemas.js'

const roleOrNull = { type: ['string', 'null'], enum: [...ROLES, null] } as const
const assignmentOrNull = {
  type: ['string', 'null'],
  enum: [...ROLES, NO_PLAN_ACCESS, null],
} as const

/** Admin management of users, and per-plan role assignments (admin or the plan's planner). */
export async function usersRoutes(
  app: FastifyInstance,
  deps: {
    log: PlanLog
    accounts: Accounts & PlanAccessLookup
    auth: Authenticator
    rooms: RoomRegistry
  },
) {
  const { log, accounts, auth, rooms } = deps

  app.get(
    '/api/users',
    {
      schema: {
        response: {
          200: {
            type: 'object',
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

  app.post<{ Body: NewUser }>(
    '/api/users',
    {
      schema: {
        body: {
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
        },
        response: { 201: { type: 'object', properties: { user: publicUserSchema } } },
      },
    },
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

  app.patch<{ Params: { id: string }; Body: UserChange }>(
    '/api/users/:id',
    {
      schema: {
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', maxLength: 64 } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            password: { type: 'string', minLength: 8, maxLength: 1024 },
            isAdmin: { type: 'boolean' },
            defaultRole: roleOrNull,
            disabled: { type: 'boolean' },
          },
        },
        response: { 200: { type: 'object', properties: { user: publicUserSchema } } },
      },
    },
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

  app.get<{ Params: { id: string } }>(
    '/api/plans/:id/roles',
    { schema: { response: planRoles } },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      return { roles: await accounts.getPlanRoles(planId) }
    },
  )

  /** `role`: a role, `none` to deny the plan whatever the default, or null to use the default. */
  app.put<{ Params: { id: string; userId: string }; Body: { role: PlanRoleAssignment | null } }>(
    '/api/plans/:id/roles/:userId',
    {
      schema: {
        body: {
          type: 'object',
          required: ['role'],
          additionalProperties: false,
          properties: { role: assignmentOrNull },
        },
        response: planRoles,
      },
    },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      const user = await accounts.getUser(request.params.userId)
      if (!user) throw new ApiProblem('userNotFound', `No user ${request.params.userId}`, 'userId')
      await accounts.setPlanRole(planId, user.id, request.body.role)
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
