import * as Y from 'yjs'
import type { Role } from '../rules/role.js'
import { isRole } from '../rules/role.js'
import type { AgendaItem } from './agenda-item.js'
import { isAgendaItem } from './agenda-item.js'
import type { MeetingRecord } from './meeting-record.js'
import { isMeetingRecord } from './meeting-record.js'

/** The name of the plan document's root that holds the live S&OP meeting. */
export const MEETING_ROOT = 'meeting'

/**
 * A meeting: started by a planner (`startedBy`, the sender), presented by `presenter`, with the
 * roles besides planners who may record decisions and actions. Ended by the server's end route
 * (`status: 'ended'`, with the consensus version it published).
 */
export interface MeetingSession {
  id: string
  status: 'running' | 'ended'
  startedBy: string
  startedAt: string
  presenter: string
  /** Roles that may record decisions and actions besides planners, who always may. */
  recorders: Role[]
  endedBy?: string
  endedAt?: string
  versionId?: string
}

/** The agenda as the presenter walks it: its items, the current one and since when. */
export interface MeetingAgenda {
  meetingId: string
  items: AgendaItem[]
  /** Index of the item under discussion, or -1 before the first and after the last. */
  current: number
  /** When the current item was reached (ISO 8601), or empty. */
  since: string
}

/** Someone who joined the meeting, written by that person. */
export interface Attendance {
  meetingId: string
  at: string
}

/** The meeting as read from the plan document. */
export interface MeetingState {
  session: MeetingSession | undefined
  agenda: MeetingAgenda | undefined
  /** The records of the current (or last) meeting, oldest first. */
  records: MeetingRecord[]
  /** User ids of those who joined the current (or last) meeting. */
  attendees: string[]
}

export const RECORD_PREFIX = 'record.'
export const ATTENDEE_PREFIX = 'attendee.'

export function recordKey(recordId: string): string {
  return `${RECORD_PREFIX}${recordId}`
}

export function attendeeKey(userId: string): string {
  return `${ATTENDEE_PREFIX}${userId}`
}

export function meetingMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MEETING_ROOT)
}

/** True while a meeting runs. */
export function meetingRunning(session: MeetingSession | undefined): session is MeetingSession {
  return session?.status === 'running'
}

export function readSession(doc: Y.Doc): MeetingSession | undefined {
  const value = meetingMap(doc).get('session')
  return isMeetingSession(value) ? value : undefined
}

/** Reads the meeting; entries without the documented shape are left out. */
export function readMeeting(doc: Y.Doc): MeetingState {
  const map = meetingMap(doc)
  const session = readSession(doc)
  const agenda = map.get('agenda')
  const records: MeetingRecord[] = []
  const attendees: string[] = []
  map.forEach((value, key) => {
    if (!session) return
    if (key.startsWith(RECORD_PREFIX) && isMeetingRecord(value) && value.meetingId === session.id)
      records.push(value)
    if (key.startsWith(ATTENDEE_PREFIX) && isAttendance(value) && value.meetingId === session.id)
      attendees.push(key.slice(ATTENDEE_PREFIX.length))
  })
  records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
  attendees.sort()
  return {
    session,
    agenda: isMeetingAgenda(agenda) && agenda.meetingId === session?.id ? agenda : undefined,
    records,
    attendees,
  }
}

export function isMeetingSession(value: unknown): value is MeetingSession {
  const s = value as Partial<MeetingSession> | null
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.id === 'string' &&
    (s.status === 'running' || s.status === 'ended') &&
    typeof s.startedBy === 'string' &&
    typeof s.startedAt === 'string' &&
    typeof s.presenter === 'string' &&
    Array.isArray(s.recorders) &&
    s.recorders.every(isRole)
  )
}

export function isMeetingAgenda(value: unknown): value is MeetingAgenda {
  const a = value as Partial<MeetingAgenda> | null
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.meetingId === 'string' &&
    Array.isArray(a.items) &&
    a.items.every(isAgendaItem) &&
    Number.isInteger(a.current) &&
    typeof a.since === 'string'
  )
}

export function isAttendance(value: unknown): value is Attendance {
  const a = value as Partial<Attendance> | null
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.meetingId === 'string' &&
    typeof a.at === 'string'
  )
}
