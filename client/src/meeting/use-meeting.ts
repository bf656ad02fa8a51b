import { useEffect, useState } from 'react'
import type { MeetingState, PlanDoc } from '@tandem/shared'
import { meetingMap, readMeeting } from '@tandem/shared'

/** The plan's live meeting, re-read whenever the `meeting` root changes (for everyone, live). */
export function useMeeting(plan: PlanDoc): MeetingState {
  const [meeting, setMeeting] = useState(() => readMeeting(plan.doc))
  useEffect(() => {
    const map = meetingMap(plan.doc)
    const update = () => setMeeting(readMeeting(plan.doc))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [plan])
  return meeting
}
