import { useEffect, useState } from 'react'
import type { PlanComparison, PlanDoc, PlanModel } from '@tandem/shared'
import { comparePlans } from '@tandem/shared'
import { LiveComparison } from './live-comparison.js'
import type { OpenedVersion } from './opened-version.js'
import { closeVersion, loadVersion } from './opened-version.js'
import type { PlanVersion } from '@tandem/shared'

/** Compare `from` (a version) with `to` (another version, or the live plan when absent). */
export interface CompareRequest {
  from: PlanVersion
  to: PlanVersion | undefined
}

const RECOMPUTE_MS = 100

/**
 * The comparison of two versions, or of a version with the live plan. Against the live plan it
 * follows each change in the browser (only the touched rows), so others' edits show at once.
 */
export function useComparison(
  planId: string,
  live: { plan: PlanDoc; model: PlanModel },
  request: CompareRequest | undefined,
): { comparison: PlanComparison | undefined; failure: string | undefined } {
  const [comparison, setComparison] = useState<PlanComparison>()
  const [failure, setFailure] = useState<string>()
  useEffect(() => {
    setComparison(undefined)
    setFailure(undefined)
    if (!request) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const opened: OpenedVersion[] = []
    let stop = () => {}
    Promise.all([
      loadVersion(planId, request.from),
      request.to ? loadVersion(planId, request.to) : undefined,
    ]).then(
      ([from, to]) => {
        opened.push(from, ...(to ? [to] : []))
        if (cancelled) return opened.forEach(closeVersion)
        if (to) return setComparison(comparePlans(from.plan, to.plan))
        const comparison = new LiveComparison(from.plan, live.plan)
        setComparison(comparison.result())
        const touched = new Set<string>()
        stop = live.model.onChange((change) => {
          for (const key of [...change.skus, ...change.resources]) touched.add(key)
          clearTimeout(timer)
          timer = setTimeout(() => {
            comparison.update(touched)
            touched.clear()
            setComparison(comparison.result())
          }, RECOMPUTE_MS)
        })
      },
      (error: Error) => !cancelled && setFailure(error.message),
    )
    return () => {
      cancelled = true
      clearTimeout(timer)
      stop()
      opened.forEach(closeVersion)
    }
  }, [planId, live, request])
  return { comparison, failure }
}
