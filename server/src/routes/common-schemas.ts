import { MEASURES } from '@tandem/shared'

/** Schemas more than one group of routes uses, defined once. */

/** One of the plan's measures. */
export const measureSchema = { type: 'string', enum: [...MEASURES] } as const

/** A cell whose value differs between two states of a plan: where, and the two values. */
export const changedCellSchema = {
  type: 'object',
  required: ['measure', 'key', 'period', 'from', 'to'],
  additionalProperties: false,
  properties: {
    measure: measureSchema,
    key: { type: 'string' },
    period: { type: 'integer' },
    from: { type: 'number' },
    to: { type: 'number' },
  },
} as const

/** A family's total of a measure in two states of a plan. */
export const familyTotalSchema = {
  type: 'object',
  required: ['family', 'measure', 'from', 'to'],
  additionalProperties: false,
  properties: {
    family: { type: 'string' },
    measure: measureSchema,
    from: { type: 'number' },
    to: { type: 'number' },
  },
} as const
