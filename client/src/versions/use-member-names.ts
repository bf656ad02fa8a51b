import { useEffect, useState } from 'react'
import { listMembers } from '../api/plans-api.js'

/** Names of the plan's members by user id; an unknown id shows as itself. */
export function useMemberNames(planId: string): (userId: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map())
  useEffect(() => {
    let cancelled = false
    listMembers(planId).then(
      (members) => !cancelled && setNames(new Map(members.map((m) => [m.id, m.name]))),
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [planId])
  return (userId) => names.get(userId) ?? userId
}
