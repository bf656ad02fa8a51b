import type { MeetingMinutes } from '@tandem/shared'
import { GAP_KINDS } from '@tandem/shared'
import { measureSchema } from './common-schemas.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

/** The schema of `MeetingMinutes` (shared/src/api/meeting-minutes.ts), for the serializer. */
const str = { type: 'string' } as const
const num = { type: 'number' } as const

/** `RecordLink`: a cell, a flag or a comment thread. */
const linkSchema = {
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'measure', 'key', 'period'],
      additionalProperties: false,
      properties: {
        kind: { const: 'cell' },
        measure: measureSchema,
        key: str,
        period: { type: 'integer' },
      },
    },
    {
      type: 'object',
      required: ['kind', 'id'],
      additionalProperties: false,
      properties: { kind: { type: 'string', enum: ['flag', 'thread'] }, id: str },
    },
  ],
} as const

const recordSchema = {
  type: 'object',
  required: ['id', 'meetingId', 'kind', 'text', 'owner', 'due', 'links', 'author', 'at'],
  additionalProperties: false,
  properties: {
    id: str,
    meetingId: str,
    kind: { type: 'string', enum: ['decision', 'action'] },
    text: str,
    owner: { type: 'string', description: 'user id, or empty' },
    due: { type: 'string', description: 'YYYY-MM-DD, or empty' },
    links: { type: 'array', items: linkSchema },
    author: { type: 'string', description: 'user id' },
    at: str,
  },
} as const

const agendaItemSchema = {
  type: 'object',
  required: [
    'id',
    'source',
    'gapKind',
    'key',
    'firstPeriod',
    'lastPeriod',
    'severity',
    'risk',
    'riskUnit',
    'spentSeconds',
  ],
  additionalProperties: false,
  properties: {
    id: str,
    source: { type: 'string', enum: ['flag', 'gap'] },
    flagId: str,
    gapKind: { type: 'string', enum: [...GAP_KINDS, 'dataQuestion'] },
    key: str,
    firstPeriod: { type: 'integer' },
    lastPeriod: { type: 'integer' },
    severity: { type: 'string', enum: ['high', 'medium', 'low'] },
    risk: num,
    riskUnit: { type: 'string', enum: ['money', 'units'] },
    spentSeconds: num,
  },
} as const

const figuresSchema = {
  type: 'object',
  required: [
    'demand',
    'supply',
    'endingInventory',
    'gaps',
    'openFlags',
    'revenuePlanned',
    'revenueAtRisk',
    'inventoryValue',
    'skus',
    'pricedSkus',
  ],
  additionalProperties: false,
  properties: {
    demand: num,
    supply: num,
    endingInventory: num,
    gaps: {
      type: 'object',
      required: [...GAP_KINDS],
      additionalProperties: false,
      properties: {
        shortage: num,
        belowSafetyStock: num,
        overCapacity: num,
        excess: num,
      },
    },
    openFlags: num,
    revenuePlanned: num,
    revenueAtRisk: num,
    inventoryValue: num,
    skus: num,
    pricedSkus: num,
  },
} as const

export const minutesSchema = {
  type: 'object',
  description: 'The minutes of the meeting whose end published this consensus version',
  required: [
    'meetingId',
    'startedAt',
    'endedAt',
    'startedBy',
    'endedBy',
    'presenter',
    'attendees',
    'decisions',
    'actions',
    'agenda',
    'figures',
  ],
  additionalProperties: false,
  properties: {
    meetingId: str,
    startedAt: str,
    endedAt: str,
    startedBy: str,
    endedBy: str,
    presenter: str,
    attendees: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: { id: str, name: str },
      },
    },
    decisions: { type: 'array', items: recordSchema },
    actions: { type: 'array', items: recordSchema },
    agenda: { type: 'array', items: agendaItemSchema },
    figures: figuresSchema,
  },
} as const

export type MinutesAgrees = Agreed<SchemaAgrees<typeof minutesSchema, MeetingMinutes>>
