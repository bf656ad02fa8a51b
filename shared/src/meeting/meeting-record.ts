import type { Measure } from '../roots.js'
import { MEASURES } from '../roots.js'

/** What a decision or an action links to: a cell, a flag or a comment thread. */
export type RecordLink =
  | { kind: 'cell'; measure: Measure; key: string; period: number }
  | { kind: 'flag' | 'thread'; id: string }

/**
 * A decision or an action item recorded in a meeting, by `author` (the sender, fixed once
 * written). An action has an owner; either may have a due date and links.
 */
export interface MeetingRecord {
  id: string
  meetingId: string
  kind: 'decision' | 'action'
  text: string
  /** User id, or empty for a decision without one. */
  owner: string
  /** YYYY-MM-DD, or empty. */
  due: string
  links: RecordLink[]
  author: string
  at: string
}

export const MAX_RECORD_TEXT = 2000
export const MAX_RECORD_LINKS = 20

export function isRecordLink(value: unknown): value is RecordLink {
  const l = value as Record<string, unknown> | null
  if (typeof l !== 'object' || l === null) return false
  if (l.kind === 'flag' || l.kind === 'thread')
    return typeof l.id === 'string' && l.id.length > 0 && l.id.length <= 100
  return (
    l.kind === 'cell' &&
    (MEASURES as readonly unknown[]).includes(l.measure) &&
    typeof l.key === 'string' &&
    l.key.length <= 200 &&
    Number.isInteger(l.period)
  )
}

/**
 * The link with only the fields its kind has: a link read from the document may carry others,
 * which the guard lets through and the minutes' schema (one exact object per kind) refuses.
 */
export function exactRecordLink(link: RecordLink): RecordLink {
  if (link.kind === 'cell')
    return { kind: 'cell', measure: link.measure, key: link.key, period: link.period }
  return { kind: link.kind, id: link.id }
}

export function isMeetingRecord(value: unknown): value is MeetingRecord {
  const r = value as Partial<MeetingRecord> | null
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.meetingId === 'string' &&
    (r.kind === 'decision' || r.kind === 'action') &&
    typeof r.text === 'string' &&
    typeof r.owner === 'string' &&
    typeof r.due === 'string' &&
    Array.isArray(r.links) &&
    r.links.every(isRecordLink) &&
    typeof r.author === 'string' &&
    typeof r.at === 'string'
  )
}
