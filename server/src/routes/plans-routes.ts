import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { PlanInput } from '@tandem/shared'
import { demoPlan, isValidId } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole, planSiteScope } from '../auth/plan-access.js'
import { ApiProblem } from '../http/api-problem.js'
import { checkPlanInput } from '../plans/check-plan-input.js'
import { newPlanId, storeNewPlan } from '../plans/store-new-plan.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { ScenarioStore } from '../store/scenario-store.js'
import { requireMayCreatePlans } from '../auth/may-create-plans.js'
import { createPlanBodySchema, planIdParamsSchema, planRecordSchema } from './plan-schemas.js'
import { noContent } from './response-schemas.js'
import { scenarioSchema } from './scenario-schemas.js'

/**
 * REST routes for plans: list, create (generated or from rows), read and delete. Each answers
 * only with what the caller may see; creating needs the planner role (or admin), deleting the
 * plan's planner role (or admin).
 */
export async function plansRoutes(
  fastify: FastifyInstance,
  deps: {
    log: PlanLog
    accounts: Accounts
    rooms: RoomRegistry
    auth: Authenticator
    scenarios: ScenarioStore
  },
) {
  // Params, query, body and answers are typed from the routes' own schemas.
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { log, accounts, rooms, auth, scenarios } = deps

  app.get(
    '/api/plans',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { plans: { type: 'array', items: planRecordSchema } },
          },
        },
      },
    },
    async (request) => {
      const user = await auth.require(request)
      const plans = await log.listPlans()
      // Scenarios are plans of their own, listed under their base (GET …/scenarios).
      const [roles, scenarioOf] = await Promise.all([
        Promise.all(plans.map((plan) => planRole(accounts, user, plan.id))),
        Promise.all(plans.map((plan) => scenarios.getScenario(plan.id))),
      ])
      return { plans: plans.filter((_, i) => roles[i] !== undefined && !scenarioOf[i]) }
    },
  )

  app.post(
    '/api/plans',
    {
      schema: {
        body: createPlanBodySchema,
        response: { 201: { type: 'object', properties: { plan: planRecordSchema } } },
      },
    },
    async (request, reply) => {
      const user = await auth.require(request)
      requireMayCreatePlans(user)
      const body = request.body
      if (body.generator && body.rows)
        throw new ApiProblem('badRequest', 'Give either generator or rows, not both', 'rows')
      const id = newPlanId(body.id)
      let input: PlanInput
      if (body.rows) {
        const { meta, items, demand, supply, capacity, transfers } = body.rows
        input = {
          meta: { ...meta, sites: meta.sites ?? [] },
          items,
          demand: demand ?? {},
          supply: supply ?? {},
          capacity: capacity ?? {},
          transfers: transfers ?? {},
        }
        if (body.name) input.meta.name = body.name
        checkPlanInput(input)
      } else {
        input = demoPlan({ ...body.generator, name: body.name ?? 'Demo plan' })
      }
      const { record, snapshot } = await storeNewPlan(log, id, input)
      request.log.info(
        { planId: id, skus: record.skuCount, bytes: snapshot.byteLength },
        'plan created',
      )
      return reply.code(201).send({ plan: record })
    },
  )

  app.get(
    '/api/plans/:id',
    {
      schema: {
        params: planIdParamsSchema,
        response: {
          200: {
            type: 'object',
            properties: {
              plan: planRecordSchema,
              role: { type: 'string' },
              scenario: { ...scenarioSchema, description: 'present when the plan is a scenario' },
              sites: {
                type: 'array',
                items: { type: 'string' },
                description: 'the sites your role is scoped to; absent for every site',
              },
            },
          },
        },
      },
    },
    async (request) => {
      const user = await auth.require(request)
      const plan = await log.getPlan(validPlanId(request.params.id))
      const role = plan ? await planRole(accounts, user, plan.id) : undefined
      if (!plan || !role) throw new ApiProblem('planNotFound', `No plan ${request.params.id}`, 'id')
      warmRoom(rooms, plan.id)
      const scenario = await scenarios.getScenario(plan.id)
      const sites = await planSiteScope(accounts, user.id, plan.id, role)
      return {
        plan,
        role,
        ...(scenario ? { scenario } : {}),
        ...(sites ? { sites: [...sites] } : {}),
      }
    },
  )

  app.delete(
    '/api/plans/:id',
    { schema: { params: planIdParamsSchema, response: noContent } },
    async (request, reply) => {
      const user = await auth.require(request)
      const id = validPlanId(request.params.id)
      const role = (await log.getPlan(id)) ? await planRole(accounts, user, id) : undefined
      if (!role) throw new ApiProblem('planNotFound', `No plan ${id}`, 'id')
      if (role !== 'planner' && !user.isAdmin) {
        throw new ApiProblem('forbidden', "Only this plan's planner or an admin may delete it")
      }
      if (await scenarios.getScenario(id))
        throw new ApiProblem('badRequest', `${id} is a scenario: discard it instead`, 'id')
      // A base takes its scenarios with it: their records, then their plans.
      for (const scenarioId of await scenarios.removeScenariosOf(id)) {
        await rooms.evict(scenarioId)
        await log.deletePlan(scenarioId)
      }
      await rooms.evict(id)
      if (!(await log.deletePlan(id))) throw new ApiProblem('planNotFound', `No plan ${id}`, 'id')
      return reply.code(204).send()
    },
  )
}

/**
 * A browser asks for the plan's record just before it opens the socket: start loading the room
 * now (a 10,000 × 104 plan takes most of a second), so it is ready when the socket arrives. The
 * room is released at once and unloads after the usual grace period if nobody comes.
 */
function warmRoom(rooms: RoomRegistry, planId: string): void {
  rooms.open(planId).then(
    (room) => room && rooms.release(room),
    () => undefined,
  )
}

export function validPlanId(id: string): string {
  if (!isValidId(id)) throw new ApiProblem('invalidId', `"${id}" is not a valid plan id`, 'id')
  return id
}
