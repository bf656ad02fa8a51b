/** JSON schemas of the plan routes; Fastify validates every request against them. */
const numberRow = { type: 'array', items: { type: 'number' }, maxItems: 520 } as const

export const planRecordSchema = {
  type: 'object',
  required: ['id', 'name', 'periodKind', 'firstPeriod', 'periodCount', 'skuCount', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    periodKind: { type: 'string', enum: ['week', 'month'] },
    firstPeriod: { type: 'string' },
    periodCount: { type: 'integer' },
    skuCount: { type: 'integer' },
    createdAt: { type: 'string' },
  },
} as const

export const planIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const

/**
 * `:id` as a plain string, for routes that pass it to `validPlanId`, which refuses a bad one
 * by name (the roles and site-scope routes); `planUserParamsSchema` adds `:userId`, looked up.
 */
export const planPathParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' } },
} as const

export const planUserParamsSchema = {
  type: 'object',
  required: ['id', 'userId'],
  properties: { id: { type: 'string' }, userId: { type: 'string' } },
} as const

const metaSchema = {
  type: 'object',
  required: ['name', 'periodKind', 'firstPeriod', 'periodCount'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    periodKind: { type: 'string', enum: ['week', 'month'] },
    firstPeriod: { type: 'string', maxLength: 10 },
    periodCount: { type: 'integer', minimum: 1, maximum: 520 },
    frozenThrough: { type: 'integer', minimum: -1, default: -1 },
    status: { type: 'string', enum: ['draft', 'approved'], default: 'draft' },
    unit: { type: 'string', maxLength: 20, default: '' },
    maxValue: { type: 'integer', minimum: 0, default: 1_000_000_000 },
    decimals: { type: 'integer', minimum: 0, maximum: 6, default: 0 },
    resources: {
      type: 'array',
      maxItems: 10_000,
      default: [],
      items: {
        type: 'object',
        required: ['id', 'name', 'site'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', maxLength: 64 },
          name: { type: 'string', maxLength: 200 },
          site: { type: 'string', maxLength: 100 },
        },
      },
    },
    sites: {
      type: 'array',
      maxItems: 1_000,
      default: [],
      items: {
        type: 'object',
        required: ['id', 'name', 'country'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', maxLength: 64 },
          name: { type: 'string', maxLength: 100 },
          country: { type: 'string', maxLength: 100 },
        },
      },
    },
  },
} as const

const transferSchema = {
  type: 'object',
  required: ['fromSku', 'toSku', 'period', 'leadTime', 'quantity'],
  additionalProperties: false,
  properties: {
    fromSku: { type: 'string', maxLength: 64 },
    toSku: { type: 'string', maxLength: 64 },
    period: { type: 'integer' },
    leadTime: { type: 'integer' },
    quantity: { type: 'number' },
  },
} as const

const itemSchema = {
  type: 'object',
  required: ['sku'],
  additionalProperties: false,
  properties: {
    sku: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 200, default: '' },
    family: { type: 'string', maxLength: 200, default: '' },
    site: { type: 'string', maxLength: 100, default: '' },
    unit: { type: 'string', maxLength: 20, default: '' },
    openingStock: { type: 'number', minimum: 0, default: 0 },
    safetyStock: { type: 'number', minimum: 0, default: 0 },
    maxStock: { type: 'number', minimum: 0, default: 0 },
    price: { type: 'number', minimum: 0 },
    unitCost: { type: 'number', minimum: 0 },
    leadTime: { type: 'integer', minimum: 0 },
    minBatch: { type: 'number', minimum: 0 },
    lotSize: { type: 'number', minimum: 0 },
    resource: { type: 'string', maxLength: 64, default: '' },
    retired: { type: 'boolean' },
  },
} as const

const rowsSchema = { type: 'object', additionalProperties: numberRow, default: {} } as const

export const createPlanBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 64 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    generator: {
      type: 'object',
      additionalProperties: false,
      properties: {
        skuCount: { type: 'integer', minimum: 1, maximum: 20_000, default: 200 },
        periodCount: { type: 'integer', minimum: 1, maximum: 156, default: 26 },
        periodKind: { type: 'string', enum: ['week', 'month'], default: 'week' },
        firstPeriod: { type: 'string', maxLength: 10 },
        seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295, default: 42 },
        history: { type: 'boolean', default: false },
        transfers: { type: 'boolean', default: false },
      },
    },
    rows: {
      type: 'object',
      required: ['meta', 'items'],
      additionalProperties: false,
      properties: {
        meta: metaSchema,
        items: { type: 'array', items: itemSchema, maxItems: 20_000 },
        demand: rowsSchema,
        supply: rowsSchema,
        capacity: rowsSchema,
        transfers: {
          type: 'object',
          maxProperties: 100_000,
          additionalProperties: transferSchema,
          default: {},
        },
      },
    },
  },
} as const
