import { useEffect, useState } from 'react'
import type { CycleState, PlanDoc } from '@tandem/shared'
import { cycleMap, readCycle } from '@tandem/shared'

/** The plan's S&OP cycle, re-read whenever the `cycle` root changes (live, for everyone). */
export function useCycle(plan: PlanDoc): CycleState {
  const [cycle, setCycle] = useState(() => readCycle(plan.doc))
  useEffect(() => {
    const map = cycleMap(plan.doc)
    const update = () => setCycle(readCycle(plan.doc))
    update()
    map.observeDeep(update)
    return () => map.unobserveDeep(update)
  }, [plan])
  return cycle
}
