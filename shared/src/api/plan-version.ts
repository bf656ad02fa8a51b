import type { MeetingMinutes } from './meeting-minutes.js'

/**
 * Why a version was taken: published by a planner (`manual`), taken by the server when the
 * demand review is signed off (`salesSubmission`, the sales submission the forecast value added
 * measures compare against), or the consensus published at the end of the cycle (`consensus`).
 */
export const VERSION_KINDS = ['manual', 'salesSubmission', 'consensus'] as const

export type VersionKind = (typeof VERSION_KINDS)[number]

export function isVersionKind(value: unknown): value is VersionKind {
  return typeof value === 'string' && (VERSION_KINDS as readonly string[]).includes(value)
}

/** A published version: an immutable snapshot of a plan with its name, note, author and time. */
export interface PlanVersion {
  id: string
  planId: string
  name: string
  note: string
  author: string
  /** ISO timestamp. */
  createdAt: string
  kind: VersionKind
  /** The minutes of the meeting whose end published this consensus version. */
  minutes?: MeetingMinutes
}
