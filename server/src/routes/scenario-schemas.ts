import { GAP_KINDS, SCENARIO_SCOPES, SCENARIO_STATUSES } from '@tandem/shared'
import { changedCellSchema, familyTotalSchema, measureSchema } from './common-schemas.js'

const measure = measureSchema
const loads = { type: 'array', items: { type: ['number', 'null'] } } as const

export const scenarioSchema = {
  type: 'object',
  required: [
    'id',
    'baseId',
    'name',
    'description',
    'owner',
    'createdAt',
    'scope',
    'branch',
    'status',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: "the scenario's own plan id (its room, its socket)" },
    baseId: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    owner: { type: 'string', description: 'user id' },
    createdAt: { type: 'string', format: 'date-time' },
    scope: { type: 'string', enum: [...SCENARIO_SCOPES] },
    branch: {
      type: 'object',
      required: ['kind', 'stateVector'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['live', 'version'] },
        versionId: { type: 'string' },
        stateVector: { type: 'string', description: "the base's Yjs state vector, base64" },
        documentEpoch: {
          type: 'integer',
          description: "the base document's epoch the state vector belongs to",
        },
      },
    },
    status: { type: 'string', enum: [...SCENARIO_STATUSES] },
    closedBy: { type: 'string' },
    closedAt: { type: 'string', format: 'date-time' },
  },
} as const

export const scenarioParams = {
  type: 'object',
  required: ['id', 'scenarioId'],
  properties: {
    id: { type: 'string', maxLength: 64 },
    scenarioId: { type: 'string', maxLength: 64 },
  },
} as const

export const newScenarioBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    from: { type: 'string', maxLength: 64, description: '`live` (default) or a version id' },
    scope: { type: 'string', enum: [...SCENARIO_SCOPES] },
  },
} as const

export const promoteBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    all: { type: 'string', enum: ['base', 'scenario'] },
    cells: {
      type: 'object',
      description: 'choice per conflict, keyed measure/key/period',
      additionalProperties: { type: 'string', enum: ['base', 'scenario'] },
    },
  },
} as const

const cellPlace = {
  measure,
  key: { type: 'string' },
  period: { type: 'integer' },
} as const

export const scenarioAnswer = {
  200: {
    type: 'object',
    required: ['scenario'],
    additionalProperties: false,
    properties: { scenario: scenarioSchema },
  },
} as const

export const scenarioCreated = { 201: scenarioAnswer[200] } as const

export const scenarioList = {
  200: {
    type: 'object',
    required: ['scenarios'],
    additionalProperties: false,
    properties: { scenarios: { type: 'array', items: scenarioSchema } },
  },
} as const

const conflictSchema = {
  type: 'object',
  required: ['measure', 'key', 'period', 'branch', 'base', 'scenario'],
  additionalProperties: false,
  properties: {
    ...cellPlace,
    branch: { type: 'number' },
    base: { type: 'number' },
    scenario: { type: 'number' },
  },
} as const

export const conflictList = {
  200: {
    type: 'object',
    required: ['conflicts', 'changedCells'],
    additionalProperties: false,
    properties: {
      conflicts: { type: 'array', items: conflictSchema },
      changedCells: { type: 'integer', description: 'cells promoting would write or settle' },
    },
  },
} as const

export const promoteAnswer = {
  200: {
    type: 'object',
    required: ['scenario', 'appliedCells', 'tookScenario', 'keptBase', 'refused'],
    additionalProperties: false,
    properties: {
      scenario: scenarioSchema,
      appliedCells: { type: 'integer' },
      tookScenario: { type: 'integer' },
      keptBase: { type: 'integer' },
      refused: {
        type: 'array',
        items: {
          type: 'object',
          required: ['measure', 'key', 'period', 'value', 'code', 'reason'],
          additionalProperties: false,
          properties: {
            ...cellPlace,
            value: { type: 'number' },
            code: { type: 'string' },
            reason: { type: 'string' },
          },
        },
      },
    },
  },
} as const

const gapCell = {
  type: 'object',
  required: ['kind', 'key', 'period'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...GAP_KINDS] },
    key: { type: 'string' },
    period: { type: 'integer' },
  },
} as const

const gapCounts = {
  type: 'object',
  required: [...GAP_KINDS],
  additionalProperties: false,
  properties: Object.fromEntries(GAP_KINDS.map((kind) => [kind, { type: 'integer' }])),
} as const

const money = {
  type: 'object',
  required: ['inventoryValue', 'revenueAtRisk'],
  additionalProperties: false,
  properties: { inventoryValue: { type: 'number' }, revenueAtRisk: { type: 'number' } },
} as const

export const scenarioComparison = {
  200: {
    type: 'object',
    required: ['cells', 'totals', 'siteTotals', 'gaps', 'capacity'],
    additionalProperties: false,
    properties: {
      cells: { type: 'array', items: changedCellSchema },
      totals: { type: 'array', items: familyTotalSchema },
      siteTotals: {
        type: 'array',
        items: {
          type: 'object',
          required: ['site', 'measure', 'from', 'to'],
          additionalProperties: false,
          properties: {
            site: { type: 'string' },
            measure,
            from: { type: 'number' },
            to: { type: 'number' },
          },
        },
      },
      gaps: {
        type: 'object',
        required: ['onlyFrom', 'onlyTo', 'onlyFromCount', 'onlyToCount', 'from', 'to'],
        additionalProperties: false,
        properties: {
          onlyFrom: { type: 'array', items: gapCell },
          onlyTo: { type: 'array', items: gapCell },
          onlyFromCount: { type: 'integer' },
          onlyToCount: { type: 'integer' },
          from: gapCounts,
          to: gapCounts,
        },
      },
      capacity: {
        type: 'array',
        items: {
          type: 'object',
          required: ['resource', 'from', 'to', 'overFrom', 'overTo'],
          additionalProperties: false,
          properties: {
            resource: { type: 'string' },
            from: loads,
            to: loads,
            overFrom: { type: 'integer' },
            overTo: { type: 'integer' },
          },
        },
      },
      money: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: { from: money, to: money },
      },
    },
  },
} as const

export const proposeSupplyBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    sku: { type: 'string', maxLength: 64 },
    family: { type: 'string', maxLength: 200 },
    site: { type: 'string', maxLength: 100 },
  },
} as const

export const proposalAnswer = {
  201: {
    type: 'object',
    required: ['scenario', 'skus', 'changedCells', 'unmet', 'unmetCount'],
    additionalProperties: false,
    properties: {
      scenario: scenarioSchema,
      skus: { type: 'integer' },
      changedCells: { type: 'integer' },
      unmet: {
        type: 'array',
        items: {
          type: 'object',
          required: ['sku', 'period', 'shortfall', 'reason'],
          additionalProperties: false,
          properties: {
            sku: { type: 'string' },
            period: { type: 'integer' },
            shortfall: { type: 'number' },
            reason: { type: 'string', enum: ['frozen', 'leadTime', 'capacity'] },
            resource: { type: 'string' },
          },
        },
      },
      unmetCount: { type: 'integer' },
    },
  },
} as const
