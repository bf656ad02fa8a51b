import type {
  ActivityEntry,
  CycleState,
  ForecastRunStatus,
  ImportIssueCode,
  PlanMember,
  PlanRoles,
  PlanVersion,
  PutActualsAnswer,
} from '@tandem/shared'
import {
  CYCLE_STAGES,
  EDIT_SOURCES,
  IMPORT_ISSUE_CODES,
  NO_PLAN_ACCESS,
  ROLES,
  SCENARIO_EVENTS,
  VERSION_KINDS,
} from '@tandem/shared'
import { changedCellSchema, familyTotalSchema, measureSchema } from './common-schemas.js'
import { minutesSchema } from './minutes-schema.js'
import { planRecordSchema } from './plan-schemas.js'
import type { Agreed, SchemaAgrees } from './schema-agrees.js'

/**
 * Success answers of the routes that had none, for the OpenAPI document, the serializer and the
 * handlers' types (json-schema-to-ts). Objects list every field and allow no others, so the
 * types are exact; a field missing here would be dropped by the serializer, so add it here first.
 * Maps keyed by id (`additionalProperties: { … }`) are the exception. Error answers are added
 * to every route by `installApiDocs`.
 */
const measure = measureSchema

export const noContent = {
  204: { description: 'No content' },
} as const

const versionSchema = {
  type: 'object',
  required: ['id', 'planId', 'name', 'note', 'author', 'createdAt', 'kind'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    planId: { type: 'string' },
    name: { type: 'string' },
    note: { type: 'string' },
    author: { type: 'string', description: 'user id' },
    createdAt: { type: 'string', format: 'date-time' },
    kind: {
      type: 'string',
      enum: [...VERSION_KINDS],
      description:
        'manual (published by a planner), salesSubmission (taken at the demand review sign-off) or consensus',
    },
    minutes: minutesSchema,
  },
} as const

export type VersionAgrees = Agreed<SchemaAgrees<typeof versionSchema, PlanVersion>>

export const versionCreated = {
  201: {
    type: 'object',
    required: ['version'],
    additionalProperties: false,
    properties: { version: versionSchema },
  },
} as const

export const versionList = {
  200: {
    type: 'object',
    required: ['versions'],
    additionalProperties: false,
    properties: { versions: { type: 'array', items: versionSchema } },
  },
} as const

const binary = (description: string, mediaType: string) =>
  ({
    200: {
      description,
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
    },
  }) as const

export const snapshotFile = binary(
  'The version as one Yjs update (Y.encodeStateAsUpdate)',
  'application/octet-stream',
)
export const xlsxFile = binary(
  'An XLSX workbook',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
)
export const csvFile = binary('The Plan grid as CSV (UTF-8 with a byte-order mark)', 'text/csv')

export const comparison = {
  200: {
    type: 'object',
    required: ['cells', 'totals'],
    additionalProperties: false,
    properties: {
      cells: { type: 'array', items: changedCellSchema },
      totals: { type: 'array', items: familyTotalSchema },
    },
  },
} as const

export const restoreResult = {
  200: {
    type: 'object',
    required: ['restoredCells', 'skippedFrozen'],
    additionalProperties: false,
    properties: { restoredCells: { type: 'integer' }, skippedFrozen: { type: 'integer' } },
  },
} as const

export const cellHistory = {
  200: {
    type: 'object',
    required: ['history', 'base', 'current'],
    additionalProperties: false,
    properties: {
      base: { type: 'number', description: 'the value when the row was created or imported' },
      current: { type: 'number', description: 'the value the cell shows now' },
      history: {
        type: 'array',
        items: {
          type: 'object',
          required: ['value', 'author', 'at', 'seq'],
          additionalProperties: false,
          properties: {
            value: { type: 'number', description: 'the value the author wrote' },
            previous: { type: 'number', description: 'what the cell showed before' },
            shown: { type: 'number', description: 'what it showed right after' },
            source: { type: 'string', enum: [...EDIT_SOURCES] },
            author: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            seq: { type: 'string' },
          },
        },
      },
    },
  },
} as const

export const activity = {
  200: {
    type: 'object',
    required: ['activity'],
    additionalProperties: false,
    properties: {
      activity: {
        type: 'array',
        items: {
          type: 'object',
          required: ['seq', 'author', 'at', 'cells', 'measures', 'keys'],
          additionalProperties: false,
          properties: {
            seq: { type: 'string' },
            author: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            cells: { type: 'integer' },
            measures: { type: 'array', items: measure },
            keys: { type: 'array', items: { type: 'string' } },
            scenario: {
              type: 'object',
              required: ['id', 'name', 'event'],
              additionalProperties: false,
              properties: {
                id: { type: 'string' },
                name: { type: 'string' },
                event: { type: 'string', enum: [...SCENARIO_EVENTS] },
              },
            },
          },
        },
      },
    },
  },
} as const

export type ActivityAgrees = Agreed<
  SchemaAgrees<(typeof activity)[200]['properties']['activity']['items'], ActivityEntry>
>

export const planCreated = {
  201: {
    type: 'object',
    required: ['plan'],
    additionalProperties: false,
    properties: { plan: planRecordSchema },
  },
} as const

export const members = {
  200: {
    type: 'object',
    required: ['members'],
    additionalProperties: false,
    properties: {
      members: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'email', 'role'],
          additionalProperties: false,
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            email: { type: 'string' },
            role: { type: 'string', enum: [...ROLES] },
          },
        },
      },
    },
  },
} as const

export type MembersAgrees = Agreed<
  SchemaAgrees<(typeof members)[200]['properties']['members']['items'], PlanMember>
>

export const readMarks = {
  200: {
    type: 'object',
    required: ['readMarks'],
    additionalProperties: false,
    properties: {
      readMarks: {
        type: 'object',
        description: 'by thread id, the time the caller read it up to',
        additionalProperties: { type: 'string' },
      },
    },
  },
} as const

export const planRoles = {
  200: {
    type: 'object',
    required: ['roles'],
    additionalProperties: false,
    properties: {
      roles: {
        type: 'object',
        description: "by user id, the plan's own assignment: a role, or none (a deny)",
        additionalProperties: { type: 'string', enum: [...ROLES, NO_PLAN_ACCESS] },
      },
    },
  },
} as const

export type PlanRolesAgrees = Agreed<
  SchemaAgrees<(typeof planRoles)[200]['properties']['roles'], PlanRoles>
>

const importIssue = {
  type: 'object',
  required: ['code', 'place', 'params', 'field', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', enum: Object.keys(IMPORT_ISSUE_CODES) as ImportIssueCode[] },
    place: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sheet: { type: 'string' },
        row: { type: 'integer' },
        column: { type: 'integer' },
        field: { type: 'string' },
      },
    },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    field: { type: 'string', description: 'the place as Plan!R12C4' },
    message: { type: 'string', description: 'English, for API callers and logs' },
  },
} as const

export const importPreview = {
  200: {
    type: 'object',
    required: ['cells', 'changedCells', 'errors', 'errorCount'],
    additionalProperties: false,
    properties: {
      cells: {
        type: 'array',
        items: {
          type: 'object',
          required: ['measure', 'key', 'period', 'periodKey', 'from', 'to'],
          additionalProperties: false,
          properties: {
            measure,
            key: { type: 'string' },
            period: { type: 'integer' },
            periodKey: { type: 'string' },
            from: { type: 'number' },
            to: { type: 'number' },
          },
        },
      },
      changedCells: { type: 'integer' },
      changedActuals: { type: 'integer', description: 'actuals the Demand history sheet changes' },
      errors: { type: 'array', items: importIssue },
      errorCount: { type: 'integer' },
    },
  },
} as const

export const importApplied = {
  200: {
    type: 'object',
    required: ['appliedCells'],
    additionalProperties: false,
    properties: { appliedCells: { type: 'integer' }, appliedActuals: { type: 'integer' } },
  },
} as const

export const actualsWritten = {
  200: {
    type: 'object',
    required: ['changedCells', 'skus'],
    additionalProperties: false,
    properties: {
      changedCells: { type: 'integer', description: 'actuals whose value changed' },
      skus: { type: 'integer', description: 'SKUs whose actuals row was written' },
    },
  },
} as const

const forecastRunStatus = {
  type: 'object',
  required: ['state', 'done', 'total'],
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: ['idle', 'running', 'writing', 'done', 'failed'] },
    done: { type: 'integer', description: 'SKUs forecast so far' },
    total: { type: 'integer' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    error: { type: 'string' },
  },
} as const

export type ActualsWrittenAgrees = Agreed<
  SchemaAgrees<(typeof actualsWritten)[200], PutActualsAnswer>
>
export type ForecastRunStatusAgrees = Agreed<
  SchemaAgrees<typeof forecastRunStatus, ForecastRunStatus>
>

export const forecastRunStarted = { 202: forecastRunStatus } as const
export const forecastRunState = { 200: forecastRunStatus } as const

const stage = { type: 'string', enum: [...CYCLE_STAGES] } as const
const dueDate = { type: 'string', description: 'YYYY-MM-DD' } as const

const signOffSchema = {
  type: 'object',
  required: ['stage', 'by', 'at'],
  additionalProperties: false,
  properties: {
    stage,
    by: { type: 'string', description: 'user id' },
    at: { type: 'string', format: 'date-time' },
  },
} as const

/** `CycleState` (shared/src/cycle/cycle-state.ts): every field `readCycle` answers. */
export const cycleStateSchema = {
  type: 'object',
  required: ['stage', 'complete', 'due', 'signOffs', 'reopenings'],
  additionalProperties: false,
  properties: {
    stage,
    complete: { type: 'boolean' },
    due: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dataGathering: dueDate,
        demandReview: dueDate,
        supplyReview: dueDate,
        preSop: dueDate,
        executiveSop: dueDate,
      },
    },
    signOffs: { type: 'array', items: signOffSchema },
    reopenings: {
      type: 'array',
      items: {
        ...signOffSchema,
        required: [...signOffSchema.required, 'reason'],
        properties: { ...signOffSchema.properties, reason: { type: 'string' } },
      },
    },
  },
} as const

export type CycleStateAgrees = Agreed<SchemaAgrees<typeof cycleStateSchema, CycleState>>

export const cycleChanged = {
  200: {
    type: 'object',
    required: ['cycle'],
    additionalProperties: false,
    properties: { cycle: cycleStateSchema, version: versionSchema },
  },
} as const

export const meetingEnded = {
  200: {
    type: 'object',
    required: ['versionId', 'minutes'],
    additionalProperties: false,
    properties: { versionId: { type: 'string' }, minutes: minutesSchema },
  },
} as const
