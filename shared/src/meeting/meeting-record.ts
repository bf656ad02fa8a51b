import { MEASURES } from '../roots.js'

/** What a decision or an action links to: a cell, a flag or a comment thread. */
export type RecordLink =
  | { kind: 'cell'; measure: 'demand' | 'supply' | 'capacity'; key: string; period: number }
  | { kind: 'flag'; id: string }
  | { kind: 'thread'; id: string }

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
