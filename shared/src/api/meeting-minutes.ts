import type { AgendaItem } from '../meeting/agenda-item.js'
import type { KeyFigures } from '../meeting/key-figures.js'
import type { MeetingRecord } from '../meeting/meeting-record.js'

/**
 * The minutes of a meeting, kept with the consensus version its end published: who was there,
 * what was decided and who does what by when, the agenda with the time spent on each item, and
 * the plan's key figures at the end.
 */
export interface MeetingMinutes {
  meetingId: string
  startedAt: string
  endedAt: string
  /** User ids. */
  startedBy: string
  endedBy: string
  presenter: string
  /** Everyone who joined, with the name they had then. */
  attendees: { id: string; name: string }[]
  decisions: MeetingRecord[]
  actions: MeetingRecord[]
  agenda: AgendaItem[]
  figures: KeyFigures
}

/** `POST /api/plans/:id/meeting/end`: the consensus version published, with its minutes. */
export interface MeetingEndResult {
  versionId: string
  minutes: MeetingMinutes
}
