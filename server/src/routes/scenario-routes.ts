import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Role, Scenario, ScenarioScope } from '@tandem/shared'
import { compareScenario, MEASURES, PlanDoc, scenarioChanges } from '@tandem/shared'
import * as Y from 'yjs'
import { recheckConnectedUsers } from '../auth/recheck-connected-users.js'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import { createScenario } from '../scenarios/create-scenario.js'
import { promoteScenario } from '../scenarios/promote-scenario.js'
import { proposeSupplyScenario } from '../proposal/propose-supply.js'
import type { ScenarioDeps } from '../scenarios/scenario-deps.js'
import type { UserRecord } from '../store/user-record.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import {
  conflictList,
  newScenarioBody,
  promoteAnswer,
  promoteBody,
  proposalAnswer,
  proposeSupplyBody,
  scenarioAnswer,
  scenarioComparison,
  scenarioCreated,
  scenarioList,
  scenarioParams,
} from './scenario-schemas.js'

/**
 * Scenarios of a plan: create (planners; production for supply-only ones), list, compare with
 * the base or another scenario, the conflicts a promotion would meet, promote, discard.
 */
export async function scenarioRoutes(fastify: FastifyInstance, deps: ScenarioDeps) {
  // Params, query, body and answers are typed from the routes' own schemas.
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { rooms, scenarios } = deps
  const promoting = new Set<string>()

  /** The caller's role in the base, and the base's record; a scenario cannot be a base. */
  const requireBase = async (request: FastifyRequest, planId: string, needs?: Role[]) => {
    const access = await requirePlanRole(deps, request, planId, needs)
    if (await scenarios.getScenario(planId))
      throw new ApiProblem('badRequest', `${planId} is a scenario, not a plan`, 'id')
    return access
  }

  /** One scenario of the base, or 404. */
  const requireScenario = async (baseId: string, scenarioId: string): Promise<Scenario> => {
    const scenario = await scenarios.getScenario(scenarioId)
    if (!scenario || scenario.baseId !== baseId)
      throw new ApiProblem('notFound', `Plan ${baseId} has no scenario ${scenarioId}`, 'scenarioId')
    return scenario
  }

  const requireActive = (scenario: Scenario) => {
    if (scenario.status !== 'active')
      throw new ApiProblem(
        'conflict',
        `Scenario ${scenario.id} is ${scenario.status}`,
        'scenarioId',
      )
  }

  /** Peers in an archived scenario reconnect as viewers (their role there changed). */
  const recheckPeers = () =>
    recheckConnectedUsers(rooms, deps.accounts).catch((error: unknown) =>
      fastify.log.warn({ err: error }, 'access re-check after archiving failed'),
    )

  app.post(
    '/api/plans/:id/scenarios',
    { schema: { params: planIdParamsSchema, body: newScenarioBody, response: scenarioCreated } },
    async (request, reply) => {
      const planId = request.params.id
      const { user, role } = await requireBase(request, planId)
      const mayAll = role === 'planner' || user.isAdmin
      const scope: ScenarioScope = request.body.scope ?? (mayAll ? 'all' : 'supply')
      if (!mayAll && !(role === 'production' && scope === 'supply'))
        throw new ApiProblem(
          'forbidden',
          role === 'production'
            ? 'Production may create supply scenarios only (scope supply)'
            : 'Creating a scenario needs the planner role (or production, for a supply scenario)',
          'scope',
        )
      const base = await deps.log.getPlan(planId)
      if (!base) throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
      const scenario = await createScenario(deps, base, user.id, { ...request.body, scope })
      request.log.info({ planId, scenarioId: scenario.id }, 'scenario created')
      return reply.code(201).send({ scenario })
    },
  )

  app.post(
    '/api/plans/:id/scenarios/propose-supply',
    {
      schema: { params: planIdParamsSchema, body: proposeSupplyBody, response: proposalAnswer },
    },
    async (request, reply) => {
      const planId = request.params.id
      const { user } = await requireBase(request, planId, ['planner', 'production'])
      const base = await deps.log.getPlan(planId)
      if (!base) throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
      const answer = await proposeSupplyScenario(deps, base, user.id, request.body)
      request.log.info(
        {
          planId,
          scenarioId: answer.scenario.id,
          cells: answer.changedCells,
          unmet: answer.unmetCount,
        },
        'supply proposal written',
      )
      return reply.code(201).send(answer)
    },
  )

  app.get(
    '/api/plans/:id/scenarios',
    { schema: { params: planIdParamsSchema, response: scenarioList } },
    async (request) => {
      await requireBase(request, request.params.id)
      return { scenarios: await scenarios.listScenarios(request.params.id) }
    },
  )

  app.get(
    '/api/plans/:id/scenarios/:scenarioId',
    { schema: { params: scenarioParams, response: scenarioAnswer } },
    async (request) => {
      await requireBase(request, request.params.id)
      return { scenario: await requireScenario(request.params.id, request.params.scenarioId) }
    },
  )

  app.get(
    '/api/plans/:id/scenarios/:scenarioId/compare',
    {
      schema: {
        params: scenarioParams,
        querystring: {
          type: 'object',
          properties: {
            with: {
              type: 'string',
              maxLength: 64,
              description: '`base` (default) or the id of another scenario of the same plan',
            },
          },
        },
        response: scenarioComparison,
      },
    },
    async (request) => {
      const { id, scenarioId } = request.params
      await requireBase(request, id)
      await requireScenario(id, scenarioId)
      const other = request.query.with ?? 'base'
      const fromId = other === 'base' ? id : (await requireScenario(id, other)).id
      return useRoom(rooms, fromId, (from) =>
        useRoom(rooms, scenarioId, (to) =>
          compareScenario(new PlanDoc(from.doc), new PlanDoc(to.doc)),
        ),
      )
    },
  )

  app.get(
    '/api/plans/:id/scenarios/:scenarioId/conflicts',
    { schema: { params: scenarioParams, response: conflictList } },
    async (request) => {
      const { id, scenarioId } = request.params
      await requireBase(request, id)
      await requireScenario(id, scenarioId)
      const branchState = await scenarios.branchSnapshot(scenarioId)
      if (!branchState) throw new ApiProblem('notFound', `No scenario ${scenarioId}`, 'scenarioId')
      const branchDoc = new Y.Doc()
      Y.applyUpdate(branchDoc, branchState)
      const { changes, conflicts } = await useRoom(rooms, scenarioId, (inner) =>
        useRoom(rooms, id, (base) =>
          scenarioChanges(
            new PlanDoc(branchDoc),
            new PlanDoc(base.doc),
            new PlanDoc(inner.doc),
            MEASURES,
          ),
        ),
      )
      branchDoc.destroy()
      return { conflicts, changedCells: changes.length }
    },
  )

  app.post(
    '/api/plans/:id/scenarios/:scenarioId/promote',
    { schema: { params: scenarioParams, body: promoteBody, response: promoteAnswer } },
    async (request) => {
      const { id, scenarioId } = request.params
      const { user, role } = await requireBase(request, id)
      const scenario = await requireScenario(id, scenarioId)
      if (!mayPromote(user, role, scenario))
        throw new ApiProblem(
          'forbidden',
          'Promoting needs the planner role (or production, for a supply scenario)',
        )
      requireActive(scenario)
      if (promoting.has(scenarioId))
        throw new ApiProblem('conflict', `Scenario ${scenarioId} is being promoted`, 'scenarioId')
      promoting.add(scenarioId)
      try {
        const answer = await promoteScenario(
          deps,
          scenario,
          { id: user.id, role: user.isAdmin ? 'planner' : role },
          request.body ?? {},
        )
        request.log.info(
          { planId: id, scenarioId, cells: answer.appliedCells, refused: answer.refused.length },
          'scenario promoted',
        )
        await recheckPeers()
        return answer
      } finally {
        promoting.delete(scenarioId)
      }
    },
  )

  app.post(
    '/api/plans/:id/scenarios/:scenarioId/discard',
    { schema: { params: scenarioParams, response: scenarioAnswer } },
    async (request) => {
      const { id, scenarioId } = request.params
      const { user, role } = await requireBase(request, id)
      const scenario = await requireScenario(id, scenarioId)
      if (!(role === 'planner' || user.isAdmin || scenario.owner === user.id))
        throw new ApiProblem('forbidden', 'Only its owner or a planner may discard a scenario')
      requireActive(scenario)
      if (promoting.has(scenarioId))
        throw new ApiProblem('conflict', `Scenario ${scenarioId} is being promoted`, 'scenarioId')
      const closed = await scenarios.closeScenario(
        scenarioId,
        'discarded',
        user.id,
        new Date().toISOString(),
      )
      if (!closed) throw new ApiProblem('conflict', `Scenario ${scenarioId} is no longer active`)
      await recheckPeers()
      return { scenario: closed }
    },
  )
}

function mayPromote(user: UserRecord, role: Role, scenario: Scenario): boolean {
  return (
    user.isAdmin || role === 'planner' || (role === 'production' && scenario.scope === 'supply')
  )
}
