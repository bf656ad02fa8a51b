import { useEffect, useState } from 'react'
import type { PlanModel } from '@tandem/shared'
import type { GapCounts } from './gap-tally.js'
import { GapTally } from './gap-tally.js'

/** Live counts of gaps by kind for the whole plan. */
export function useGapCounts(model: PlanModel): GapCounts {
  const [counts, setCounts] = useState<GapCounts>(() => new GapTally(model).counts)
  useEffect(() => {
    const tally = new GapTally(model)
    setCounts(tally.counts)
    return model.onChange((change) => {
      if (tally.update(change)) setCounts(tally.counts)
    })
  }, [model])
  return counts
}
