import { useCallback, useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { MeetingSession, MeetingState, PlanDoc } from '@tandem/shared'
import { writeAttendance } from '@tandem/shared'
import type { Identity } from '../identity/identity.js'
import type { Peer } from '../presence/presence-state.js'
import { publishPresence } from '../presence/publish-presence.js'
import { useMeeting } from './use-meeting.js'

/** The meeting as this board takes part in it. */
export interface MeetingMode {
  meeting: MeetingState
  running: MeetingSession | undefined
  /** I present: my view is what everyone follows. */
  presenting: boolean
  /** The presenter's presence, once it publishes a view. */
  presenter: Peer | undefined
  /** My board follows the presenter (until I step out). */
  followsPresenter: boolean
  stepOut: () => void
  stepIn: () => void
}

/**
 * Takes part in the plan's meeting: while one runs, my board follows the presenter without my
 * asking, until I step out (one click, and one to step back in); I record my attendance once.
 */
export function useMeetingMode(
  plan: PlanDoc,
  awareness: Awareness,
  peers: Peer[],
  identity: Identity,
): MeetingMode {
  const meeting = useMeeting(plan)
  const running = meeting.session?.status === 'running' ? meeting.session : undefined
  const presenting = running?.presenter === identity.userId
  const [steppedOut, setSteppedOut] = useState<string>()
  const presenter =
    running && !presenting
      ? peers.find(
          (peer) =>
            peer.state.user.id === running.presenter &&
            peer.state.presenting?.meetingId === running.id,
        )
      : undefined
  const attended = meeting.attendees.includes(identity.userId)
  const meetingId = running?.id
  useEffect(() => {
    if (!meetingId || attended) return
    plan.doc.transact(() =>
      writeAttendance(plan.doc, meetingId, identity.userId, new Date().toISOString()),
    )
  }, [plan, meetingId, attended, identity.userId])
  useEffect(() => {
    if (!meetingId) publishPresence(awareness, 'presenting', undefined)
  }, [awareness, meetingId])
  const stepOut = useCallback(() => setSteppedOut(meetingId), [meetingId])
  const stepIn = useCallback(() => setSteppedOut(undefined), [])
  return {
    meeting,
    running,
    presenting,
    presenter,
    followsPresenter: presenter !== undefined && steppedOut !== meetingId,
    stepOut,
    stepIn,
  }
}
