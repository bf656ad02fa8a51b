import { randomBytes } from 'node:crypto'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import * as Y from 'yjs'
import type { MeetingEndResult, MeetingMinutes } from '@tandem/shared'
import {
  checkEndMeeting,
  meetingMinutesOf,
  PlanModel,
  readMeeting,
  writeMeetingEnd,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import { useRoom } from '../rooms/use-room.js'
import type { VersionRecord } from '../store/plan-records.js'
import { requirePlanRole } from './plan-access-guard.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { meetingEnded } from './response-schemas.js'
import type { RouteDeps } from './route-deps.js'

/**
 * Ending the live meeting. A planner starts a meeting over the socket (the rules check it); only
 * this route ends one, so that the end and the consensus version it publishes go together: the
 * server closes the meeting in the plan document as itself, then publishes the plan as a
 * `consensus` version that keeps the meeting's minutes.
 */
export async function meetingRoutes(fastify: FastifyInstance, deps: RouteDeps) {
  const { records, rooms, accounts } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()

  app.post(
    '/api/plans/:id/meeting/end',
    { schema: { params: planIdParamsSchema, response: meetingEnded } },
    async (request) => {
      const planId = request.params.id
      const { user, role } = await requirePlanRole(deps, request, planId)
      const at = new Date().toISOString()
      const versionId = `v-${randomBytes(5).toString('hex')}`
      return useRoom(rooms, planId, async (room): Promise<MeetingEndResult> => {
        const before = readMeeting(room.doc)
        const ids = new Set([user.id, ...before.attendees, ...before.records.map((r) => r.author)])
        if (before.session) ids.add(before.session.startedBy).add(before.session.presenter)
        const names = new Map<string, string>()
        for (const id of ids) names.set(id, (await accounts.getUser(id))?.name ?? id)
        let minutes: MeetingMinutes | undefined
        await room.change(user.id, (plan) => {
          if (plan.readMeta().status === 'approved')
            throw new ApiProblem('conflict', 'The plan is approved and read-only')
          const refused = checkEndMeeting(readMeeting(plan.doc).session, role)
          if (refused) throw new ApiProblem(refused.code, refused.message)
          writeMeetingEnd(plan.doc, { by: user.id, at, versionId })
          const model = new PlanModel(plan)
          minutes = meetingMinutesOf(plan, model, (id) => names.get(id) ?? id)
          model.destroy()
        })
        if (!minutes) throw new ApiProblem('conflict', 'No meeting is running')
        const version: VersionRecord = {
          id: versionId,
          planId,
          name: `Consensus ${at.slice(0, 10)}`,
          note: `Published when ${user.name} ended the S&OP meeting`,
          author: user.id,
          createdAt: at,
          kind: 'consensus',
          minutes,
        }
        await records.createVersion(version, Y.encodeStateAsUpdate(room.doc))
        return { versionId, minutes }
      })
    },
  )
}
