import type { MeetingEndResult } from '@tandem/shared'
import { call } from '../api/plans-api.js'

/** A planner ends the meeting; the server publishes the consensus version with the minutes. */
export function endMeeting(planId: string): Promise<MeetingEndResult> {
  return call(`/api/plans/${encodeURIComponent(planId)}/meeting/end`, { method: 'POST' })
}
