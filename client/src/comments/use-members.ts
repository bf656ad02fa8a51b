import { useEffect, useState } from 'react'
import type { PlanMember } from '../api/plans-api.js'
import { listMembers } from '../api/plans-api.js'

/** The plan's members, for @mentions and flag owners; empty while offline. */
export function useMembers(planId: string): PlanMember[] {
  const [members, setMembers] = useState<PlanMember[]>([])
  useEffect(() => {
    const controller = new AbortController()
    listMembers(planId, controller.signal).then(setMembers, () => undefined)
    return () => controller.abort()
  }, [planId])
  return members
}
