import type { Role } from '../rules/role.js'
import type { MeetingSession } from './meeting-state.js'

/** Why the meeting cannot end now, in words for the person who asked. */
export interface MeetingRefusal {
  code: 'forbidden' | 'conflict'
  message: string
}

/** May `role` end the meeting now? Only a planner, and only a meeting that runs. */
export function checkEndMeeting(
  session: MeetingSession | undefined,
  role: Role,
): MeetingRefusal | undefined {
  if (role !== 'planner')
    return { code: 'forbidden', message: 'Only a planner may end the meeting' }
  if (session?.status !== 'running') return { code: 'conflict', message: 'No meeting is running' }
  return undefined
}
