import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Role, SocketRate } from '@tandem/shared'
import { sameSites } from '@tandem/shared'
import type { Authenticator } from '../auth/authenticator.js'
import { planRole, planSiteScope } from '../auth/plan-access.js'
import { ApiProblem } from '../http/api-problem.js'
import type { Room } from '../rooms/room.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import type { UserRecord } from '../store/user-record.js'
import type { PendingConnections } from '../http/pending-connections.js'
import { SyncConnection } from '../sync/sync-connection.js'
import type { UserSockets } from '../sync/user-sockets.js'
import type { UpdateBudgets } from '../sync/update-budgets.js'
import { planIdParamsSchema } from './plan-schemas.js'
import { validPlanId } from './plans-routes.js'

const syncParams = {
  type: 'object',
  required: ['planId'],
  properties: { planId: planIdParamsSchema.properties.id },
} as const

const syncQuery = {
  type: 'object',
  properties: {
    ext: { type: 'string' },
    token: { type: 'string', maxLength: 4096 },
    /** The document epoch of the client's local copy; absent for a client without one. */
    epoch: { type: 'string', pattern: '^[0-9]{1,9}$' },
  },
} as const

/** Options of the sync route. */
export interface SyncRouteOptions {
  log: PlanLog
  accounts: Accounts
  rooms: RoomRegistry
  auth: Authenticator
  /** Origins a browser may open sockets from, besides the server's own. */
  allowedOrigins: string[]
  /** Messages other than updates per second a connection may send on average, and in a burst. */
  messageRate: SocketRate
  /** Each user's update budget (bytes and cells per second) on this instance. */
  updateBudgets: UpdateBudgets
  /** Connections that are not sync sockets yet, counted per address. */
  pendingConnections: PendingConnections
  /** Each user's open sockets, in all and per plan, with their caps. */
  userSockets: UserSockets
}

/**
 * `GET /sync/:planId` upgrades to a y-websocket socket. The caller is authenticated (session
 * cookie or `?token=`), the Origin checked, and the plan and the caller's role in it looked up
 * before the upgrade: a refusal is a 4xx answer and no socket opens.
 */
export async function syncRoute(fastify: FastifyInstance, deps: SyncRouteOptions) {
  const app = fastify.withTypeProvider<JsonSchemaToTsProvider>()
  const { log, accounts, rooms, auth } = deps
  const admitted = new WeakMap<
    FastifyRequest,
    { user: UserRecord; role: Role; sites?: readonly string[]; sessionVersion: number }
  >()
  app.get(
    '/sync/:planId',
    {
      websocket: true,
      schema: {
        params: syncParams,
        querystring: syncQuery,
        response: {
          101: {
            description:
              'Switching Protocols: the y-websocket socket (sync, awareness; extension messages with ext=1), docs/protocol.md',
          },
        },
      },
      preValidation: async (request) => {
        const id = validPlanId(request.params.planId)
        checkOrigin(request, deps.allowedOrigins)
        const user = await auth.require(request, true)
        if (!(await log.getPlan(id)))
          throw new ApiProblem('planNotFound', `No plan ${id}`, 'planId')
        const role = await planRole(accounts, user, id)
        if (!role)
          throw new ApiProblem('noPlanAccess', `You have no access to plan ${id}`, 'planId')
        const sites = await planSiteScope(accounts, user.id, id, role)
        admitted.set(request, { user, role, sites, sessionVersion: user.sessionVersion })
      },
    },
    (socket, request) => {
      deps.pendingConnections.established(request.raw.socket)
      const admission = admitted.get(request)
      if (!admission) {
        socket.close(4401, 'Not authenticated')
        return
      }
      const connection = new SyncConnection(
        socket,
        {
          userId: admission.user.id,
          role: admission.role,
          sites: admission.sites,
          sessionVersion: admission.sessionVersion,
          name: admission.user.name,
          extensions: request.query.ext === '1',
        },
        request.log,
        {
          rate: deps.messageRate,
          updates: deps.updateBudgets.acquire(admission.user.id),
          backlogBytes: deps.updateBudgets.budget.backlogBytes,
        },
        // ws writes to the upgraded request's socket: corking it sends a flush in one write.
        request.raw.socket,
      )
      const place = deps.userSockets.admit(admission.user.id, request.params.planId)
      if (!place.ok) {
        request.log.info({ userId: admission.user.id }, 'socket refused: too many sockets')
        connection.close('tooManySockets', place.reason)
        return
      }
      socket.on('close', place.release)
      let room: Room | undefined
      socket.on('close', () => {
        if (room) rooms.release(room)
      })
      const join = async () => {
        const opened = await rooms.open(request.params.planId)
        room = opened
        if (!opened) return connection.close('planNotFound', 'The plan does not exist')
        // Access may have changed since the admission, while the room loaded: recheckUser only
        // sees connections that have joined, so look again right before joining.
        const user = await accounts.getUser(admission.user.id)
        const role = user && (await planRole(accounts, user, opened.planId))
        const sites = role && (await planSiteScope(accounts, user.id, opened.planId, role))
        if (!connection.isOpen) return rooms.release(opened)
        if (user?.sessionVersion !== admission.sessionVersion)
          return connection.close('unauthorized', 'Your session ended; sign in again')
        if (role === undefined)
          return connection.close('forbidden', 'Your access to this plan was removed')
        if (role !== admission.role || !sameSites(sites, admission.sites))
          return connection.close('roleChanged', 'Your role in this plan changed')
        // A local copy of another document epoch must never be merged into this one.
        const { epoch } = request.query
        if (epoch !== undefined && Number(epoch) !== opened.documentEpoch) {
          rooms.release(opened)
          return connection.close('epochChanged', 'The plan moved to a new document; reload it')
        }
        connection.attach(opened)
      }
      join().catch((error: unknown) => {
        request.log.error({ err: error }, 'room failed to load')
        connection.close('internalError', 'The plan could not be loaded')
      })
    },
  )
}

/**
 * Browsers send Origin on every WebSocket handshake: it must be this server's own origin or one
 * listed in ALLOWED_ORIGINS. Clients that send no Origin (scripts) authenticate with a token.
 */
function checkOrigin(request: FastifyRequest, allowed: string[]): void {
  const origin = request.headers.origin
  if (!origin) return
  const host = request.headers.host
  const own = host ? [`http://${host}`, `https://${host}`] : []
  if (own.includes(origin) || allowed.includes(origin) || allowed.includes('*')) return
  throw new ApiProblem('originNotAllowed', `Origin ${origin} may not open sockets here`, 'origin')
}
