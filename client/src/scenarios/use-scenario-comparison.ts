import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PlanModel, Scenario, ScenarioComparison } from '@tandem/shared'
import type { CompareOverlay } from '../plan-view/compare-overlay.js'
import { compareOverlay } from '../plan-view/compare-overlay.js'
import { compareScenario } from './scenarios-api.js'

/** A scenario compared with its base, as the board shows it. */
export interface BoardScenarioComparison {
  /** The scenario compared, with the answer once it arrived. */
  compared: { scenario: Scenario; comparison?: ScenarioComparison; failure?: string } | undefined
  /** Compares `scenario` with its base; again on the same scenario asks afresh. */
  start: (scenario: Scenario) => void
  stop: () => void
  /**
   * The changed cells to highlight in this board's grid: only when the board shows one side of
   * the comparison (the scenario, or the base plan).
   */
  overlay: CompareOverlay | undefined
}

const REFRESH_MS = 700

/**
 * Compares a scenario with its base on the server, and asks again a moment after this board's
 * plan changes when it is one of the two sides, so co-editors' edits show in the highlight.
 */
export function useScenarioComparison(
  planId: string,
  baseId: string,
  model: PlanModel,
): BoardScenarioComparison {
  const [compared, setCompared] = useState<BoardScenarioComparison['compared']>()
  const asked = useRef(0)
  const ask = useCallback(
    (scenario: Scenario, keep: boolean) => {
      const turn = ++asked.current
      if (!keep) setCompared({ scenario })
      compareScenario(baseId, scenario.id).then(
        (comparison) => turn === asked.current && setCompared({ scenario, comparison }),
        (error: Error) =>
          turn === asked.current && setCompared({ scenario, failure: error.message }),
      )
    },
    [baseId],
  )
  const start = useCallback((scenario: Scenario) => ask(scenario, false), [ask])
  const stop = useCallback(() => {
    asked.current++
    setCompared(undefined)
  }, [])
  const scenario = compared?.scenario
  const shownHere = scenario !== undefined && (planId === scenario.id || planId === baseId)
  useEffect(() => {
    if (!scenario || !shownHere) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const stopListening = model.onChange(() => {
      clearTimeout(timer)
      timer = setTimeout(() => ask(scenario, true), REFRESH_MS)
    })
    return () => {
      clearTimeout(timer)
      stopListening()
    }
  }, [scenario, shownHere, model, ask])
  const comparison = compared?.comparison
  const overlay = useMemo(
    () => (comparison && shownHere ? compareOverlay(comparison, false) : undefined),
    [comparison, shownHere],
  )
  return { compared, start, stop, overlay }
}
