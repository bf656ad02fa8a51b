import type * as Y from 'yjs'
import { isValidId } from '../ids.js'
import { MAX_AGENDA_ITEMS } from '../meeting/agenda-item.js'
import type { MeetingSession } from '../meeting/meeting-state.js'
import {
  ATTENDEE_PREFIX,
  isAttendance,
  isMeetingAgenda,
  isMeetingSession,
  meetingMap,
  RECORD_PREFIX,
  readSession,
} from '../meeting/meeting-state.js'
import { isMeetingRecord, MAX_RECORD_LINKS, MAX_RECORD_TEXT } from '../meeting/meeting-record.js'
import { mayRecord } from '../meeting/may-record.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Writer } from './check-discussion-write.js'
import { deleted, singleValue } from './item-content.js'
import type { Place } from './place-resolver.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * A write into the `meeting` root. Only a planner starts a meeting (or changes its presenter
 * and recorders), as themselves; nobody ends one over the socket (the end route does, and
 * publishes the consensus version). The presenter or a planner walks the agenda. Planners and
 * the roles the planner lists record decisions and actions, each under their own name, which
 * no one can change; only the author or a planner edits one. Each person records only their
 * own attendance.
 *
 * `session` is the session as this update leaves it (written by it, or the live one), so a
 * meeting can be started and its agenda written in one transaction.
 */
export function checkMeetingWrite(
  doc: Y.Doc,
  meta: PlanMeta,
  writer: Writer,
  session: MeetingSession | undefined,
  place: Place,
  item: Y.Item,
): RuleViolation | undefined {
  const [key = ''] = place.keys
  const at = { root: 'meeting', key, field: key }
  if (meta.status === 'approved')
    return violation('planApproved', `The plan is approved and read-only (meeting ${key})`, at)
  const value = singleValue(item)
  if (place.keys.length !== 1 || (value === deleted ? false : typeof value !== 'object'))
    return violation('badStructure', `The meeting's ${key} is one JSON value`, at)
  if (value === deleted) return undefined
  if (key === 'session') return checkSession(doc, writer, value, at)
  const running = session?.status === 'running' ? session : undefined
  if (!running)
    return violation(
      'forbiddenRole',
      `No meeting is running: the meeting's ${key} cannot change`,
      at,
    )
  if (key === 'agenda') {
    if (writer.role !== 'planner' && writer.userId !== running.presenter)
      return violation('forbiddenRole', 'Only the presenter or a planner moves the agenda', at)
    if (!isMeetingAgenda(value) || value.meetingId !== running.id)
      return violation('badValue', 'The agenda does not have the documented shape', at)
    if (value.items.length > MAX_AGENDA_ITEMS)
      return violation('badValue', `An agenda has at most ${MAX_AGENDA_ITEMS} items`, at)
    if (value.current < -1 || value.current >= value.items.length)
      return violation('badValue', `Agenda item ${value.current} does not exist`, at)
    if (value.since !== '' && !isTimestamp(value.since))
      return violation('badValue', 'The agenda time must be a timestamp', at)
    return undefined
  }
  if (key.startsWith(ATTENDEE_PREFIX)) {
    if (key.slice(ATTENDEE_PREFIX.length) !== writer.userId)
      return violation('forbiddenRole', 'Each person records only their own attendance', at)
    if (!isAttendance(value) || value.meetingId !== running.id || !isTimestamp(value.at))
      return violation('badValue', 'The attendance does not have the documented shape', at)
    return undefined
  }
  if (key.startsWith(RECORD_PREFIX)) return checkRecord(doc, writer, running, key, value, at)
  return violation('badStructure', `Unknown meeting key "${key}"`, at)
}

function checkSession(
  doc: Y.Doc,
  writer: Writer,
  value: unknown,
  at: RuleViolation['place'],
): RuleViolation | undefined {
  if (writer.role !== 'planner')
    return violation(
      'forbiddenRole',
      'Only a planner may start the meeting or choose its presenter',
      at,
    )
  if (!isMeetingSession(value) || !isValidId(value.id) || value.presenter === '')
    return violation('badValue', 'The meeting does not have the documented shape', at)
  if (value.status === 'ended') {
    return violation(
      'forbiddenRole',
      'A meeting ends through End meeting, which publishes the consensus version',
      at,
    )
  }
  if (
    new Set(value.recorders).size !== value.recorders.length ||
    value.recorders.includes('planner')
  )
    return violation('badValue', 'Recorders list each role besides planner once', at)
  const previous = readSession(doc)
  if (previous?.status === 'running') {
    if (
      value.id !== previous.id ||
      value.startedBy !== previous.startedBy ||
      value.startedAt !== previous.startedAt
    )
      return violation(
        'badValue',
        'The meeting in progress keeps its id, starter and start time',
        at,
      )
    return undefined
  }
  if (value.id === previous?.id)
    return violation('badValue', `Meeting ${value.id} has already ended`, at)
  if (value.startedBy !== writer.userId)
    return violation(
      'badValue',
      'startedBy must be you: no one starts a meeting in another name',
      at,
    )
  if (!isTimestamp(value.startedAt))
    return violation('badValue', 'startedAt must be a timestamp', at)
  return undefined
}

function checkRecord(
  doc: Y.Doc,
  writer: Writer,
  session: MeetingSession,
  key: string,
  value: unknown,
  at: RuleViolation['place'],
): RuleViolation | undefined {
  const id = key.slice(RECORD_PREFIX.length)
  if (!mayRecord(writer.role, session))
    return violation(
      'forbiddenRole',
      `A ${writer.role} may not record decisions in this meeting`,
      at,
    )
  if (
    !isMeetingRecord(value) ||
    value.id !== id ||
    !isValidId(id) ||
    value.meetingId !== session.id
  )
    return violation('badValue', 'The decision does not have the documented shape', at)
  const text = value.text.trim()
  if (text === '' || value.text.length > MAX_RECORD_TEXT)
    return violation('badValue', `The text of ${id} must be 1 to ${MAX_RECORD_TEXT} characters`, at)
  if (value.links.length > MAX_RECORD_LINKS)
    return violation('badValue', `A decision links at most ${MAX_RECORD_LINKS} places`, at)
  if (value.kind === 'action' && value.owner === '')
    return violation('badValue', `Action ${id} needs an owner`, at)
  if (value.due !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value.due))
    return violation('badValue', `The due date of ${id} must be YYYY-MM-DD`, at)
  if (!isTimestamp(value.at)) return violation('badValue', 'at must be a timestamp', at)
  const existing = meetingMap(doc).get(key)
  if (isMeetingRecord(existing)) {
    if (value.author !== existing.author)
      return violation('badValue', `The author of ${id} is fixed`, at)
    if (writer.userId !== existing.author && writer.role !== 'planner')
      return violation('forbiddenRole', `Only its author or a planner changes ${id}`, at)
    return undefined
  }
  if (value.author !== writer.userId)
    return violation('badValue', 'author must be you: no one records in another name', at)
  return undefined
}

/** May this writer delete the meeting entry `key`? A record, by its author or a planner, live. */
export function checkMeetingDeletion(
  doc: Y.Doc,
  writer: Writer,
  key: string,
): RuleViolation | undefined {
  const at = { root: 'meeting', key, field: key }
  const existing = meetingMap(doc).get(key)
  const session = readSession(doc)
  if (
    key.startsWith(RECORD_PREFIX) &&
    isMeetingRecord(existing) &&
    session?.status === 'running' &&
    existing.meetingId === session.id &&
    (existing.author === writer.userId || writer.role === 'planner')
  )
    return undefined
  return violation('forbiddenDeletion', `meeting ${key} cannot be deleted`, at)
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
}
