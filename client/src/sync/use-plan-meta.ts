import { useEffect, useState } from 'react'
import type { PlanDoc, PlanMeta } from '@tandem/shared'

/** The plan's settings (horizon, frozen periods, status), re-read whenever `meta` changes. */
export function usePlanMeta(plan: PlanDoc): PlanMeta {
  const [meta, setMeta] = useState(() => plan.readMeta())
  useEffect(() => {
    const update = () => setMeta(plan.readMeta())
    update()
    plan.meta.observe(update)
    return () => plan.meta.unobserve(update)
  }, [plan])
  return meta
}
