import { useCallback, useEffect, useState } from 'react'
import type { Scenario } from '@tandem/shared'
import { listScenarios, scenarioOf } from './scenarios-api.js'

/** Where a board stands among scenarios: the scenario it is (if any), its base, their list. */
export interface BoardScenarios {
  /** The plan the scenarios branch from: this plan, or the base of this scenario. */
  baseId: string
  /** This board's scenario; undefined on a plan. */
  current: Scenario | undefined
  /** The base's scenarios, oldest first. */
  all: Scenario[]
  refresh: () => void
}

/** Looks up whether a plan is a scenario, and its base's scenarios; `refresh` asks again. */
export function useScenarios(planId: string): BoardScenarios {
  const [state, setState] = useState<Omit<BoardScenarios, 'refresh'>>({
    baseId: planId,
    current: undefined,
    all: [],
  })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let cancelled = false
    scenarioOf(planId)
      .then(async (current) => {
        const baseId = current?.baseId ?? planId
        const all = await listScenarios(baseId)
        if (!cancelled)
          setState({ baseId, current: all.find((s) => s.id === planId) ?? current, all })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [planId, tick])
  const refresh = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, refresh }
}
