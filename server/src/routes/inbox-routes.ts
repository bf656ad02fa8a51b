import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { InboxEvent } from '@tandem/shared'
import { planIdOfInboxItem } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole } from '../auth/plan-access.js'
import { ApiProblem } from '../http/api-problem.js'
import type { InboxHub } from '../inbox/inbox-hub.js'
import type { InboxSources } from '../inbox/inbox-of-user.js'
import { inboxOfUser } from '../inbox/inbox-of-user.js'
import type { PlanRecords } from '../store/plan-records.js'
import type { UserRecord } from '../store/user-record.js'
import { inboxEvents, inboxList, inboxMarked, inboxReadsBody } from './inbox-schemas.js'

/** Between events, a comment line keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000

/**
 * The caller's inbox across every plan they may open, its read marks (kept per user, so every
 * tab and device agrees) and a server-sent event stream that tells each of the caller's tabs
 * of marks made in another and of plans whose items changed.
 */
export async function inboxRoutes(
  fastify: FastifyInstance,
  deps: InboxSources & { records: PlanRecords; auth: Authenticator; hub: InboxHub },
) {
  const { auth, hub, records } = deps
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const streams = new Set<() => void>()
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end()
  })

  app.get('/api/inbox', { schema: { response: inboxList } }, async (request) => {
    const user = await auth.require(request)
    return inboxOfUser(deps, user, {
      seen: (planId, items) => hub.remember(user.id, planId, items),
    })
  })

  app.put(
    '/api/inbox/reads',
    { schema: { body: inboxReadsBody, response: inboxMarked } },
    async (request) => {
      const user = await auth.require(request)
      const { ids, read } = request.body
      const byPlan = new Map<string, string[]>()
      for (const id of new Set(ids)) {
        const planId = planIdOfInboxItem(id)
        if (!planId) throw new ApiProblem('badRequest', `${id} is not an inbox item id`, 'ids')
        byPlan.set(planId, [...(byPlan.get(planId) ?? []), id])
      }
      // Only the caller's own items, in plans the caller may open, can be marked read.
      const inbox = await inboxOfUser(deps, user, { only: new Set(byPlan.keys()) })
      const held = new Map(inbox.items.map((item) => [item.id, item]))
      const opened = new Set(inbox.items.map((item) => item.planId))
      let marked = 0
      for (const [planId, planIds] of byPlan) {
        if (read) {
          const missing = planIds.find((id) => !held.has(id))
          if (missing) throw new ApiProblem('notFound', `${missing} is not in your inbox`, 'ids')
          marked += planIds.filter((id) => !held.get(id)?.read).length
        } else if (!opened.has(planId) && !(await planOpens(deps, user, planId))) {
          throw new ApiProblem('planNotFound', `No plan ${planId}`, 'ids')
        }
      }
      for (const [planId, planIds] of byPlan)
        await records.setInboxReads(planId, user.id, planIds, read)
      hub.publish(user.id, { kind: 'reads', ids: [...new Set(ids)], read })
      return { marked }
    },
  )

  app.post('/api/inbox/read-all', { schema: { response: inboxMarked } }, async (request) => {
    const user = await auth.require(request)
    const inbox = await inboxOfUser(deps, user)
    const unread = inbox.items.filter((item) => !item.read)
    const byPlan = new Map<string, string[]>()
    for (const item of unread)
      byPlan.set(item.planId, [...(byPlan.get(item.planId) ?? []), item.id])
    for (const [planId, ids] of byPlan) await records.setInboxReads(planId, user.id, ids, true)
    if (unread.length > 0)
      hub.publish(user.id, { kind: 'reads', ids: unread.map((item) => item.id), read: true })
    return { marked: unread.length }
  })

  app.get('/api/inbox/events', { schema: { response: inboxEvents } }, async (request, reply) => {
    const user = await auth.require(request)
    reply.hijack()
    const raw = reply.raw
    const send = (event: InboxEvent) =>
      raw.write(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`)
    let ended = false
    let heartbeat: NodeJS.Timeout | undefined = undefined
    let close = () => {}
    const end = () => {
      if (ended) return
      ended = true
      clearInterval(heartbeat)
      close()
      streams.delete(end)
      raw.end()
    }
    // Subscribed before the answer starts: a mark made once the stream is open reaches it.
    close = await hub.open(user.id, { send, end, sessionVersion: user.sessionVersion })
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
      // The stream's socket is not reused: ending the stream (sign-out, shutdown) closes it.
      connection: 'close',
    })
    raw.write('retry: 3000\n\n')
    heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    streams.add(end)
    raw.on('close', end)
    if (raw.destroyed) end()
  })
}

/** Whether the plan exists and the user may open it. */
async function planOpens(deps: InboxSources, user: UserRecord, planId: string): Promise<boolean> {
  if (!(await deps.log.getPlan(planId))) return false
  return (await planRole(deps.accounts, user, planId)) !== undefined
}
