import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { PlanSiteScopes, SiteScopeBody } from '@tandem/shared'
import { ID_PATTERN } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole, planSiteScope } from '../auth/plan-access.js'
import type { PlanAccessLookup } from '../auth/plan-access.js'
import { refuseScenarioAccessChange } from '../auth/refuse-scenario-access-change.js'
import { ApiProblem } from '../http/api-problem.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import { planPathParamsSchema, planUserParamsSchema } from './plan-schemas.js'
import { validPlanId } from './plans-routes.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

const scopesAnswer = {
  200: {
    type: 'object',
    required: ['scopes'],
    additionalProperties: false,
    properties: {
      scopes: {
        type: 'object',
        description: 'by user id, the sites their sales or production role is scoped to',
        additionalProperties: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const

const siteScopeBody = {
  type: 'object',
  required: ['sites'],
  additionalProperties: false,
  properties: {
    sites: {
      type: ['array', 'null'],
      maxItems: 1_000,
      uniqueItems: true,
      items: { type: 'string', pattern: ID_PATTERN.source },
    },
  },
} as const

export type ScopesAgree = Agreed<
  SchemaAgrees<(typeof scopesAnswer)[200]['properties']['scopes'], PlanSiteScopes>
>
export type SiteScopeBodyAgrees = Agreed<SchemaAgrees<typeof siteScopeBody, SiteScopeBody>>

/**
 * Site scopes of a plan's roles (admin or the plan's planner): a sales or production role
 * scoped to sites writes only those sites' cells and transfers. A change closes the user's
 * sockets with 4012 (`roleChanged`) so they reconnect under the new scope.
 */
export async function siteScopeRoutes(
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
    '/api/plans/:id/scopes',
    { schema: { params: planPathParamsSchema, response: scopesAnswer } },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      return { scopes: await accounts.getPlanSiteScopes(planId) }
    },
  )

  /** `sites`: the site ids the user's role is scoped to, or null to lift the scope. */
  app.put(
    '/api/plans/:id/scopes/:userId',
    { schema: { params: planUserParamsSchema, body: siteScopeBody, response: scopesAnswer } },
    async (request) => {
      const planId = validPlanId(request.params.id)
      await requirePlanManager(planId, request)
      const user = await accounts.getUser(request.params.userId)
      if (!user) throw new ApiProblem('userNotFound', `No user ${request.params.userId}`, 'userId')
      await accounts.setPlanSiteScope(planId, user.id, request.body.sites)
      await rooms.recheckUser(
        user.id,
        (id) => planRole(accounts, user, id),
        undefined,
        (id, role) => planSiteScope(accounts, user.id, id, role),
      )
      return { scopes: await accounts.getPlanSiteScopes(planId) }
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
    await refuseScenarioAccessChange(accounts, planId, 'site scopes')
  }
}
