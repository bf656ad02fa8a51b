import { useCallback, useEffect, useState } from 'react'
import { getReadMarks, putReadMark } from './read-marks-api.js'

/** My read marks in a plan, and a way to move one forward (kept locally when offline). */
export function useReadMarks(planId: string): {
  marks: Record<string, string>
  markRead: (threadId: string, at: string) => void
} {
  const [marks, setMarks] = useState<Record<string, string>>({})
  useEffect(() => {
    let live = true
    getReadMarks(planId).then(
      (found) => live && setMarks((local) => ({ ...found, ...local })),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [planId])
  const markRead = useCallback(
    (threadId: string, at: string) => {
      setMarks((previous) =>
        previous[threadId] && previous[threadId] >= at ? previous : { ...previous, [threadId]: at },
      )
      void putReadMark(planId, threadId, at).catch(() => undefined)
    },
    [planId],
  )
  return { marks, markRead }
}
