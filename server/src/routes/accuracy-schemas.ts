import type { AccuracyQuery, AccuracyReport } from '@tandem/shared'
import {
  ACCURACY_SKU_PAGE,
  ACCURACY_SKU_ROWS,
  ACCURACY_STAGES,
  MAX_ACCURACY_LAG,
} from '@tandem/shared'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

/**
 * The query and answer of `GET /api/plans/:id/accuracy`, in the style of response-schemas.ts:
 * every field listed (the serializer drops any other), nullable where "no data" is null.
 */
export const accuracyQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lag: { type: 'integer', minimum: 1, maximum: MAX_ACCURACY_LAG, default: 1 },
    family: { type: 'string', maxLength: 200 },
    site: { type: 'string', maxLength: 200 },
    sku: { type: 'string', maxLength: 200 },
    skuOffset: {
      type: 'integer',
      minimum: 0,
      maximum: ACCURACY_SKU_ROWS,
      description: 'The first row of `skus` to answer (0-based; 0 when not given)',
    },
    skuLimit: {
      type: 'integer',
      minimum: 1,
      maximum: ACCURACY_SKU_ROWS,
      description: `How many rows of \`skus\` to answer (${ACCURACY_SKU_PAGE} when not given)`,
    },
  },
} as const

const number = { type: 'number' } as const
const nullableNumber = { type: ['number', 'null'] } as const
const string = { type: 'string' } as const

const figures = {
  type: ['object', 'null'],
  description: 'Fractions (0.12 = 12 %); null when no cell has both an actual and a forecast',
  required: [
    'count',
    'actualTotal',
    'forecastTotal',
    'absoluteError',
    'wmape',
    'bias',
    'mad',
    'trackingSignal',
    'biased',
    'mase',
  ],
  additionalProperties: false,
  properties: {
    count: { type: 'integer' },
    actualTotal: number,
    forecastTotal: number,
    absoluteError: number,
    wmape: nullableNumber,
    bias: { ...nullableNumber, description: 'Σ(F − A) / ΣA: positive is an over-forecast' },
    mad: number,
    trackingSignal: { ...nullableNumber, description: 'Σ(A − F) / MAD' },
    biased: { type: 'boolean', description: '|tracking signal| > 4' },
    mase: nullableNumber,
  },
} as const

const stageFigures = {
  type: 'array',
  items: {
    type: 'object',
    required: ['stage', 'measures', 'valueAdded'],
    additionalProperties: false,
    properties: {
      stage: { type: 'string', enum: [...ACCURACY_STAGES] },
      measures: figures,
      valueAdded: { ...nullableNumber, description: 'WMAPE points gained over the stage before' },
    },
  },
} as const

const groupStages = {
  type: 'array',
  items: {
    type: 'object',
    required: ['key', 'name', 'stages'],
    additionalProperties: false,
    properties: { key: string, name: string, stages: stageFigures },
  },
} as const

const overrideGroups = {
  type: 'array',
  items: {
    type: 'object',
    required: [
      'key',
      'name',
      'overrides',
      'improved',
      'improvedShare',
      'valueAddedUnits',
      'valueAddedPoints',
    ],
    additionalProperties: false,
    properties: {
      key: string,
      name: string,
      overrides: { type: 'integer' },
      improved: { type: 'integer' },
      improvedShare: number,
      valueAddedUnits: number,
      valueAddedPoints: nullableNumber,
    },
  },
} as const

const attainmentRow = {
  type: 'object',
  required: ['key', 'site', 'planned', 'met', 'attainment'],
  additionalProperties: false,
  properties: {
    key: string,
    site: string,
    planned: number,
    met: number,
    attainment: nullableNumber,
  },
} as const

export const accuracyReportSchema = {
  200: {
    type: 'object',
    required: [
      'planId',
      'lag',
      'maxLag',
      'family',
      'site',
      'sku',
      'periodKind',
      'window',
      'snapshots',
      'skuCount',
      'skuRows',
      'skuOffset',
      'stages',
      'trend',
      'families',
      'skus',
      'byPerson',
      'byReason',
      'harmful',
      'offenders',
      'attainment',
      'computedAt',
    ],
    additionalProperties: false,
    properties: {
      planId: string,
      lag: { type: 'integer' },
      maxLag: { type: 'integer' },
      family: { type: ['string', 'null'] },
      site: { type: ['string', 'null'] },
      sku: { type: ['string', 'null'] },
      periodKind: { type: 'string', enum: ['week', 'month'] },
      window: {
        type: ['object', 'null'],
        required: ['first', 'last', 'firstKey', 'lastKey'],
        additionalProperties: false,
        properties: {
          first: { type: 'integer' },
          last: { type: 'integer' },
          firstKey: string,
          lastKey: string,
        },
      },
      snapshots: {
        type: 'object',
        required: ['salesSubmission', 'consensus'],
        additionalProperties: false,
        properties: {
          salesSubmission: { type: 'integer' },
          consensus: { type: 'integer' },
        },
      },
      skuCount: { type: 'integer' },
      skuRows: {
        type: 'integer',
        description: 'SKU rows listed in all (the 500 with the most actual volume at most)',
      },
      skuOffset: { type: 'integer', description: 'The row of the list `skus` starts at' },
      stages: stageFigures,
      trend: {
        type: 'array',
        items: {
          type: 'object',
          required: ['period', 'periodKey', 'start', 'stages'],
          additionalProperties: false,
          properties: {
            period: { type: 'integer' },
            periodKey: string,
            start: { type: 'string', format: 'date' },
            stages: stageFigures,
          },
        },
      },
      families: groupStages,
      skus: groupStages,
      byPerson: overrideGroups,
      byReason: overrideGroups,
      harmful: {
        type: 'array',
        items: {
          type: 'object',
          required: ['sku', 'name', 'family', 'site', 'overrides', 'valueAddedUnits'],
          additionalProperties: false,
          properties: {
            sku: string,
            name: string,
            family: string,
            site: string,
            overrides: { type: 'integer' },
            valueAddedUnits: number,
          },
        },
      },
      offenders: {
        type: 'array',
        items: {
          type: 'object',
          required: [
            'sku',
            'name',
            'family',
            'site',
            'actualTotal',
            'forecastTotal',
            'absoluteError',
            'wmape',
            'bias',
          ],
          additionalProperties: false,
          properties: {
            sku: string,
            name: string,
            family: string,
            site: string,
            actualTotal: number,
            forecastTotal: number,
            absoluteError: number,
            wmape: nullableNumber,
            bias: nullableNumber,
          },
        },
      },
      attainment: {
        type: 'object',
        required: ['total', 'sites', 'resources'],
        additionalProperties: false,
        properties: {
          total: attainmentRow,
          sites: { type: 'array', items: attainmentRow },
          resources: { type: 'array', items: attainmentRow },
        },
      },
      computedAt: { type: 'string', format: 'date-time' },
    },
  },
} as const

export type AccuracyQueryAgrees = Agreed<SchemaAgrees<typeof accuracyQuerySchema, AccuracyQuery>>
export type AccuracyReportAgrees = Agreed<
  SchemaAgrees<(typeof accuracyReportSchema)[200], AccuracyReport>
>
