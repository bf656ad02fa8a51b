/** Response schemas of the health routes. */
export const liveSchema = {
  summary: 'Liveness: the process answers',
  tags: ['health'],
  response: {
    200: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
  },
} as const

const readyBody = {
  type: 'object',
  required: ['status', 'store', 'rooms', 'roomsInMemory'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable', 'draining'] },
    reason: { type: 'string' },
    store: {
      type: 'object',
      required: ['kind', 'reachable'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['sqlite', 'redis'] },
        reachable: { type: 'boolean' },
        reason: { type: 'string' },
        lastError: {
          type: 'object',
          required: ['message', 'at'],
          additionalProperties: false,
          properties: { message: { type: 'string' }, at: { type: 'string' } },
        },
      },
    },
    rooms: { type: 'integer', description: 'plans loaded on this instance' },
    roomsInMemory: {
      type: 'integer',
      description: 'rooms whose documents are in memory: loaded, failed or unloading ones',
    },
  },
} as const

export const readySchema = {
  summary: 'Readiness: the store answers and plans can be read; 503 with the reason otherwise',
  tags: ['health'],
  response: { 200: readyBody, 503: readyBody },
} as const
