import type * as Y from 'yjs'
import type { Role } from '../rules/role.js'
import type { AgendaItem } from './agenda-item.js'
import type { MeetingRecord } from './meeting-record.js'
import type { MeetingAgenda, MeetingSession } from './meeting-state.js'
import { attendeeKey, meetingMap, readMeeting, recordKey } from './meeting-state.js'

/** A planner starts a meeting, presenting it, with its agenda, in one transaction. */
export function startMeeting(
  doc: Y.Doc,
  start: { id: string; userId: string; at: string; recorders: Role[]; items: AgendaItem[] },
): void {
  doc.transact(() => {
    const map = meetingMap(doc)
    const session: MeetingSession = {
      id: start.id,
      status: 'running',
      startedBy: start.userId,
      startedAt: start.at,
      presenter: start.userId,
      recorders: start.recorders,
    }
    map.set('session', session)
    const agenda: MeetingAgenda = {
      meetingId: start.id,
      items: start.items,
      current: start.items.length > 0 ? 0 : -1,
      since: start.items.length > 0 ? start.at : '',
    }
    map.set('agenda', agenda)
    map.set(attendeeKey(start.userId), { meetingId: start.id, at: start.at })
  })
}

/** A planner hands the meeting to another presenter, or changes who may record. */
export function changeSession(
  doc: Y.Doc,
  session: MeetingSession,
  change: Partial<Pick<MeetingSession, 'presenter' | 'recorders'>>,
): void {
  meetingMap(doc).set('session', { ...session, ...change })
}

/** The agenda with the time on the current item counted, as at `now`. */
export function agendaAt(agenda: MeetingAgenda, now: string): MeetingAgenda {
  const items = agenda.items.map((item, index) =>
    index === agenda.current && agenda.since !== ''
      ? { ...item, spentSeconds: item.spentSeconds + secondsBetween(agenda.since, now) }
      : item,
  )
  return { ...agenda, items, since: agenda.current >= 0 ? now : '' }
}

/** The presenter moves to agenda item `to` (-1: none), counting the time of the one left. */
export function moveAgenda(doc: Y.Doc, agenda: MeetingAgenda, to: number, now: string): void {
  const counted = agendaAt(agenda, now)
  meetingMap(doc).set('agenda', { ...counted, current: to, since: to >= 0 ? now : '' })
}

export function writeRecord(doc: Y.Doc, record: MeetingRecord): void {
  meetingMap(doc).set(recordKey(record.id), record)
}

export function deleteRecord(doc: Y.Doc, recordId: string): void {
  meetingMap(doc).delete(recordKey(recordId))
}

/** I joined the running meeting: written once, by me. */
export function writeAttendance(doc: Y.Doc, meetingId: string, userId: string, at: string): void {
  const map = meetingMap(doc)
  const held = map.get(attendeeKey(userId)) as { meetingId?: unknown } | undefined
  if (held?.meetingId !== meetingId) map.set(attendeeKey(userId), { meetingId, at })
}

/**
 * The server ends the running meeting: the time on the current item counted, the session
 * closed with who ended it, when, and the consensus version it published.
 */
export function writeMeetingEnd(
  doc: Y.Doc,
  end: { by: string; at: string; versionId: string },
): void {
  const { session, agenda } = readMeeting(doc)
  if (!session) return
  doc.transact(() => {
    const map = meetingMap(doc)
    if (agenda) map.set('agenda', { ...agendaAt(agenda, end.at), current: -1, since: '' })
    map.set('session', {
      ...session,
      status: 'ended',
      endedBy: end.by,
      endedAt: end.at,
      versionId: end.versionId,
    })
  })
}

function secondsBetween(from: string, to: string): number {
  const seconds = Math.round((Date.parse(to) - Date.parse(from)) / 1000)
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0
}
