import { useEffect, useState } from 'react'
import type { PlanModel } from '@tandem/shared'
import type { SkuScope } from '../plan-view/sku-scope.js'
import { WHOLE_PLAN } from '../plan-view/sku-scope.js'
import type { GapCounts } from './gap-tally.js'
import { GapTally } from './gap-tally.js'

/** Live counts of gaps by kind, of the SKUs and resources in scope (the whole plan unfiltered). */
export function useGapCounts(model: PlanModel, scope: SkuScope = WHOLE_PLAN): GapCounts {
  const [counts, setCounts] = useState<GapCounts>(() => new GapTally(model, scope).counts)
  useEffect(() => {
    const tally = new GapTally(model, scope)
    setCounts(tally.counts)
    return model.onChange((change) => {
      if (tally.update(change)) setCounts(tally.counts)
    })
  }, [model, scope])
  return counts
}
