import * as Y from 'yjs'
import type { CellRef } from '../gap.js'
import type { PlanDoc } from '../plan-doc.js'

export const FLAG_KINDS = ['shortage', 'excess', 'capacity', 'dataQuestion'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]

export const FLAG_STATUSES = ['open', 'inProgress', 'resolved'] as const
export type FlagStatus = (typeof FLAG_STATUSES)[number]

export const FLAG_SEVERITIES = ['high', 'medium', 'low'] as const
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number]

/** A tracked gap: who owns it, by when, and how far it got. Stored in the `flags` root. */
export interface GapFlag {
  id: string
  kind: FlagKind
  severity: FlagSeverity
  /** The user id of the owner. */
  owner: string
  /** YYYY-MM-DD, or empty for none. */
  dueDate: string
  status: FlagStatus
  cells: CellRef[]
  /** The comment thread that discusses it, or empty. */
  threadId: string
  note: string
  createdBy: string
  createdAt: string
}

/** Flag fields, and the JSON type each holds. */
export const FLAG_FIELDS = {
  kind: 'string',
  severity: 'string',
  owner: 'string',
  dueDate: 'string',
  status: 'string',
  cells: 'object',
  threadId: 'string',
  note: 'string',
  createdBy: 'string',
  createdAt: 'string',
} as const satisfies Record<Exclude<keyof GapFlag, 'id'>, string>

export type FlagField = keyof typeof FLAG_FIELDS

/** Creates a flag in one transaction. */
export function createFlag(plan: PlanDoc, flag: GapFlag): void {
  const map = new Y.Map<unknown>()
  const { id, ...fields } = flag
  plan.doc.transact(() => {
    for (const [field, value] of Object.entries(fields)) map.set(field, value)
    plan.flags.set(id, map)
  })
}

/** Changes fields of an existing flag in one transaction. */
export function updateFlag(
  plan: PlanDoc,
  id: string,
  patch: Partial<Omit<GapFlag, 'id' | 'createdBy' | 'createdAt'>>,
): void {
  const map = plan.flags.get(id)
  if (!(map instanceof Y.Map)) throw new Error(`No flag ${id}`)
  plan.doc.transact(() => {
    for (const [field, value] of Object.entries(patch)) map.set(field, value)
  })
}

/** Reads every flag. */
export function readFlags(plan: PlanDoc): GapFlag[] {
  const flags: GapFlag[] = []
  plan.flags.forEach((value, id) => {
    if (value instanceof Y.Map) flags.push({ id, ...(value.toJSON() as Omit<GapFlag, 'id'>) })
  })
  return flags
}
