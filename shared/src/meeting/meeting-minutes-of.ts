import type { MeetingMinutes } from '../api/meeting-minutes.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanModel } from '../plan-model.js'
import { keyFigures } from './key-figures.js'
import type { MeetingRecord } from './meeting-record.js'
import { exactRecordLink } from './meeting-record.js'
import { readMeeting } from './meeting-state.js'

/**
 * The minutes of the meeting the plan holds, as it ended (`writeMeetingEnd` first): attendees
 * are those who joined, the presenter and the recorders, named by `nameOf`.
 */
export function meetingMinutesOf(
  plan: PlanDoc,
  model: PlanModel,
  nameOf: (userId: string) => string,
): MeetingMinutes | undefined {
  const { session, agenda, records, attendees } = readMeeting(plan.doc)
  if (!session) return undefined
  const present = new Set([
    session.startedBy,
    session.presenter,
    ...attendees,
    ...records.map((r) => r.author),
  ])
  return {
    meetingId: session.id,
    startedAt: session.startedAt,
    endedAt: session.endedAt ?? '',
    startedBy: session.startedBy,
    endedBy: session.endedBy ?? '',
    presenter: session.presenter,
    attendees: [...present].sort().map((id) => ({ id, name: nameOf(id) })),
    decisions: records.filter((r) => r.kind === 'decision').map(withExactLinks),
    actions: records.filter((r) => r.kind === 'action').map(withExactLinks),
    agenda: agenda?.items ?? [],
    figures: keyFigures(plan, model),
  }
}

function withExactLinks(record: MeetingRecord): MeetingRecord {
  return { ...record, links: record.links.map(exactRecordLink) }
}
