import { INBOX_ITEM_KINDS, MAX_INBOX_READS } from '@tandem/shared'

/** One inbox entry: the fields every kind has, then each kind's own (absent on the others). */
const inboxEntrySchema = {
  type: 'object',
  required: ['kind', 'id', 'planId', 'planName', 'at', 'read'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...INBOX_ITEM_KINDS] },
    id: { type: 'string', description: 'stable: `<kind>:<planId>:…`, named by read marks' },
    planId: { type: 'string' },
    planName: { type: 'string' },
    at: {
      type: 'string',
      description: 'when it arrived (ISO time); empty for the first stage’s sign-off',
    },
    read: { type: 'boolean' },
    threadId: { type: 'string', description: 'mention: the thread of the message' },
    author: { type: 'string', description: 'mention: the user id who wrote it' },
    text: { type: 'string', description: 'mention: the message; flag: its note; action: its text' },
    flagId: { type: 'string', description: 'flag' },
    dueDate: { type: 'string', description: 'flag: YYYY-MM-DD or empty' },
    stage: { type: 'string', description: 'signOff: the stage waiting on the caller’s role' },
    recordId: { type: 'string', description: 'action: the meeting record' },
    due: { type: 'string', description: 'action: YYYY-MM-DD or empty' },
  },
} as const

export const inboxList = {
  200: {
    type: 'object',
    required: ['items', 'unread'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: inboxEntrySchema },
      unread: { type: 'integer', minimum: 0 },
    },
  },
} as const

export const inboxReadsBody = {
  type: 'object',
  required: ['ids', 'read'],
  additionalProperties: false,
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_INBOX_READS,
      items: { type: 'string', minLength: 1, maxLength: 300 },
    },
    read: { type: 'boolean' },
  },
} as const

export const inboxMarked = {
  200: {
    type: 'object',
    required: ['marked'],
    additionalProperties: false,
    properties: { marked: { type: 'integer', minimum: 0, description: 'items newly marked read' } },
  },
} as const

export const inboxEvents = {
  200: {
    description:
      'A text/event-stream: `reads` ({ kind, ids, read }) when the caller marks items in any tab, `changed` ({ kind, planId }) when a plan’s items for the caller changed',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  },
} as const
