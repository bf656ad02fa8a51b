import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import { checkUpdate } from '../rules/check-update.js'
import type { Role } from '../rules/role.js'
import type { AgendaItem } from './agenda-item.js'
import { checkEndMeeting } from './meeting-end.js'
import type { MeetingRecord } from './meeting-record.js'
import { meetingMap, readMeeting, readSession } from './meeting-state.js'
import {
  changeSession,
  deleteRecord,
  moveAgenda,
  startMeeting,
  writeAttendance,
  writeMeetingEnd,
  writeRecord,
} from './meeting-writes.js'

const AT = '2026-12-04T09:00:00.000Z'
const ITEM: AgendaItem = {
  id: 'gap-shortage-SKU-00001-3',
  source: 'gap',
  gapKind: 'shortage',
  key: 'SKU-00001',
  firstPeriod: 3,
  lastPeriod: 5,
  severity: 'high',
  risk: 120,
  riskUnit: 'units',
  spentSeconds: 0,
}

function serverPlan(): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 2, periodCount: 8, seed: 3 }))
}

/** The update of one transaction by a client synced with the server, under a fixed clientID. */
function clientUpdate(server: PlanDoc, write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  doc.clientID = 4343
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.transact(() => write(doc))
  expect(updates).toHaveLength(1)
  return updates[0]
}

function verdict(server: PlanDoc, update: Uint8Array, role: Role, userId: string): string {
  const result = checkUpdate(server.doc, update, { role, userId })
  return result.ok ? 'accepted' : `${result.violation.code}: ${result.violation.reason}`
}

/** Applies a client's update to the server once the rules accept it. */
function accept(server: PlanDoc, role: Role, userId: string, write: (doc: Y.Doc) => void): void {
  const update = clientUpdate(server, write)
  expect(verdict(server, update, role, userId)).toBe('accepted')
  Y.applyUpdate(server.doc, update)
}

function started(recorders: Role[] = ['sales']): PlanDoc {
  const server = serverPlan()
  accept(server, 'planner', 'pat', (doc) =>
    startMeeting(doc, { id: 'm-1', userId: 'pat', at: AT, recorders, items: [ITEM] }),
  )
  return server
}

function record(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: 'r-1',
    meetingId: 'm-1',
    kind: 'decision',
    text: 'Add a Saturday shift on line 2',
    owner: '',
    due: '',
    links: [{ kind: 'cell', measure: 'supply', key: 'SKU-00001', period: 3 }],
    author: 'sam',
    at: AT,
    ...overrides,
  }
}

describe('starting and ending the meeting', () => {
  it('lets only a planner start the meeting, as themselves', () => {
    const server = serverPlan()
    const start = (userId: string) =>
      clientUpdate(server, (doc) =>
        startMeeting(doc, { id: 'm-1', userId, at: AT, recorders: [], items: [ITEM] }),
      )
    expect(verdict(server, start('sam'), 'sales', 'sam')).toMatch(
      /^forbiddenRole: Only a planner may start the meeting/,
    )
    expect(verdict(server, start('pat'), 'planner', 'kim')).toMatch(
      /^badValue: startedBy must be you/,
    )
    expect(verdict(server, start('pat'), 'planner', 'pat')).toBe('accepted')
  })

  it('refuses a meeting ended over the socket, even by a planner', () => {
    const server = started()
    const session = readSession(server.doc)!
    const ended = clientUpdate(server, (doc) =>
      meetingMap(doc).set('session', { ...session, status: 'ended', endedBy: 'pat', endedAt: AT }),
    )
    expect(verdict(server, ended, 'planner', 'pat')).toMatch(
      /^forbiddenRole: A meeting ends through End meeting/,
    )
    expect(checkEndMeeting(session, 'sales')?.code).toBe('forbidden')
    expect(checkEndMeeting(session, 'planner')).toBeUndefined()
    expect(checkEndMeeting(undefined, 'planner')?.code).toBe('conflict')
  })

  it('lets a planner hand the meeting to a presenter, keeping who started it and when', () => {
    const server = started()
    const session = readSession(server.doc)!
    accept(server, 'planner', 'kim', (doc) => changeSession(doc, session, { presenter: 'kim' }))
    expect(readSession(server.doc)?.presenter).toBe('kim')
    const restarted = clientUpdate(server, (doc) =>
      meetingMap(doc).set('session', { ...session, startedBy: 'kim' }),
    )
    expect(verdict(server, restarted, 'planner', 'kim')).toMatch(
      /^badValue: The meeting in progress/,
    )
    const bySales = clientUpdate(server, (doc) => changeSession(doc, session, { presenter: 'sam' }))
    expect(verdict(server, bySales, 'sales', 'sam')).toMatch(/^forbiddenRole/)
  })

  it('closes the meeting on the server with the time on the current item counted', () => {
    const server = started()
    writeMeetingEnd(server.doc, { by: 'pat', at: '2026-12-04T09:05:30.000Z', versionId: 'v-1' })
    const { session, agenda } = readMeeting(server.doc)
    expect(session).toMatchObject({ status: 'ended', endedBy: 'pat', versionId: 'v-1' })
    expect(agenda?.items[0]?.spentSeconds).toBe(330)
    expect(agenda?.current).toBe(-1)
    const record = clientUpdate(server, (doc) => writeRecord(doc, recordFor('pat')))
    expect(verdict(server, record, 'planner', 'pat')).toMatch(
      /^forbiddenRole: No meeting is running/,
    )
    const again = clientUpdate(server, (doc) =>
      startMeeting(doc, { id: 'm-1', userId: 'pat', at: AT, recorders: [], items: [] }),
    )
    expect(verdict(server, again, 'planner', 'pat')).toMatch(
      /^badValue: Meeting m-1 has already ended/,
    )
  })
})

function recordFor(author: string): MeetingRecord {
  return record({ author })
}

describe('the agenda', () => {
  it('is moved by the presenter or a planner, counting the time on each item', () => {
    const server = started()
    const agenda = readMeeting(server.doc).agenda!
    const move = clientUpdate(server, (doc) => moveAgenda(doc, agenda, -1, '2026-12-04T09:02:00Z'))
    expect(verdict(server, move, 'sales', 'sam')).toMatch(/^forbiddenRole: Only the presenter/)
    expect(verdict(server, move, 'planner', 'kim')).toBe('accepted')
    Y.applyUpdate(server.doc, move)
    expect(readMeeting(server.doc).agenda?.items[0]?.spentSeconds).toBe(120)
    const beyond = clientUpdate(server, (doc) =>
      meetingMap(doc).set('agenda', { ...agenda, current: 5 }),
    )
    expect(verdict(server, beyond, 'planner', 'pat')).toMatch(/^badValue: Agenda item 5/)
  })
})

describe('decisions and actions', () => {
  it('are recorded by planners and the roles the planner lists, each under their own name', () => {
    const server = started(['sales'])
    const bySam = clientUpdate(server, (doc) => writeRecord(doc, record()))
    expect(verdict(server, bySam, 'production', 'sam')).toMatch(
      /^forbiddenRole: A production may not record decisions/,
    )
    expect(verdict(server, bySam, 'sales', 'kim')).toMatch(/^badValue: author must be you/)
    expect(verdict(server, bySam, 'sales', 'sam')).toBe('accepted')
    const byPlanner = clientUpdate(server, (doc) =>
      writeRecord(doc, record({ id: 'r-2', author: 'pat' })),
    )
    expect(verdict(server, byPlanner, 'planner', 'pat')).toBe('accepted')
  })

  it('keeps the author fixed: only the author or a planner changes or deletes a record', () => {
    const server = started(['sales', 'production'])
    accept(server, 'sales', 'sam', (doc) => writeRecord(doc, record()))
    const reword = (author: string) =>
      clientUpdate(server, (doc) => writeRecord(doc, record({ text: 'Two shifts', author })))
    expect(verdict(server, reword('sam'), 'production', 'pia')).toMatch(
      /^forbiddenRole: Only its author or a planner/,
    )
    expect(verdict(server, reword('pat'), 'planner', 'pat')).toMatch(/^badValue: The author of r-1/)
    expect(verdict(server, reword('sam'), 'planner', 'pat')).toBe('accepted')
    const removal = clientUpdate(server, (doc) => deleteRecord(doc, 'r-1'))
    expect(verdict(server, removal, 'production', 'pia')).toMatch(/^forbiddenDeletion/)
    expect(verdict(server, removal, 'sales', 'sam')).toBe('accepted')
  })

  it('needs text and, for an action, an owner', () => {
    const server = started(['sales'])
    const blank = clientUpdate(server, (doc) => writeRecord(doc, record({ text: '  ' })))
    expect(verdict(server, blank, 'sales', 'sam')).toMatch(/^badValue: The text of r-1/)
    const ownerless = clientUpdate(server, (doc) => writeRecord(doc, record({ kind: 'action' })))
    expect(verdict(server, ownerless, 'sales', 'sam')).toMatch(
      /^badValue: Action r-1 needs an owner/,
    )
    const action = clientUpdate(server, (doc) =>
      writeRecord(doc, record({ kind: 'action', owner: 'pia', due: '2026-12-11' })),
    )
    expect(verdict(server, action, 'sales', 'sam')).toBe('accepted')
    Y.applyUpdate(server.doc, action)
    expect(readMeeting(server.doc).records.map((r) => [r.kind, r.owner])).toEqual([
      ['action', 'pia'],
    ])
  })
})

describe('attendance', () => {
  it('is written by each person for themselves, any role', () => {
    const server = started()
    const mine = clientUpdate(server, (doc) => writeAttendance(doc, 'm-1', 'vic', AT))
    expect(verdict(server, mine, 'viewer', 'vic')).toBe('accepted')
    expect(verdict(server, mine, 'viewer', 'sam')).toMatch(
      /^forbiddenRole: Each person records only their own attendance/,
    )
    Y.applyUpdate(server.doc, mine)
    expect(readMeeting(server.doc).attendees).toEqual(['pat', 'vic'])
  })
})
