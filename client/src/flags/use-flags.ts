import { useEffect, useState } from 'react'
import type { GapFlag, PlanDoc } from '@tandem/shared'
import { readFlags } from '@tandem/shared'

/** Every flag of the plan, read again whenever anyone changes the `flags` root. */
export function useFlags(plan: PlanDoc): GapFlag[] {
  const [flags, setFlags] = useState<GapFlag[]>(() => readFlags(plan))
  useEffect(() => {
    const refresh = () => setFlags(readFlags(plan))
    refresh()
    plan.flags.observeDeep(refresh)
    return () => plan.flags.unobserveDeep(refresh)
  }, [plan])
  return flags
}
