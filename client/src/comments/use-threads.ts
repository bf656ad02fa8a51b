import { useEffect, useState } from 'react'
import type { CommentThread, PlanDoc } from '@tandem/shared'
import { readThreads } from '@tandem/shared'

/** Every thread of the plan, read again whenever anyone changes the `comments` root. */
export function useThreads(plan: PlanDoc): CommentThread[] {
  const [threads, setThreads] = useState<CommentThread[]>(() => readThreads(plan))
  useEffect(() => {
    const refresh = () => setThreads(readThreads(plan))
    refresh()
    plan.comments.observeDeep(refresh)
    return () => plan.comments.unobserveDeep(refresh)
  }, [plan])
  return threads
}
