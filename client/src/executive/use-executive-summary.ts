import { useEffect, useState } from 'react'
import type {
  ExecutiveSummary,
  PlanDoc,
  PlanModel,
  PlanVersion,
  SummaryChanges,
} from '@tandem/shared'
import { daysPerPeriod, executiveSummary, pricedSkus, summaryChanges } from '@tandem/shared'
import { LiveComparison } from '../versions/live-comparison.js'
import type { OpenedVersion } from '../versions/opened-version.js'
import { closeVersion, loadVersion } from '../versions/opened-version.js'
import { listVersions } from '../versions/versions-api.js'

/** What changed since the last consensus version, once it is loaded. */
export type ConsensusChanges =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; version: PlanVersion; changes: SummaryChanges }

type Consensus = OpenedVersion | 'none' | { failed: string } | undefined

const RECOMPUTE_MS = 250

function summaryOf(plan: PlanDoc): ExecutiveSummary {
  return executiveSummary(pricedSkus(plan), daysPerPeriod(plan.readMeta().periodKind))
}

/**
 * The live plan's executive summary, recomputed a moment after each change, and its changes
 * since the latest consensus version (loaded once; only the touched rows are compared again).
 */
export function useExecutiveSummary(
  planId: string,
  plan: PlanDoc,
  model: PlanModel,
): { summary: ExecutiveSummary; consensus: ConsensusChanges } {
  const [summary, setSummary] = useState<ExecutiveSummary>(() => summaryOf(plan))
  const [opened, setOpened] = useState<Consensus>()
  const [consensus, setConsensus] = useState<ConsensusChanges>({ kind: 'loading' })

  useEffect(() => {
    let cancelled = false
    let loaded: OpenedVersion | undefined
    listVersions(planId)
      .then(async (versions) => {
        const latest = versions
          .filter((v) => v.kind === 'consensus')
          .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0]
        if (!latest) return 'none' as const
        loaded = await loadVersion(planId, latest)
        return loaded
      })
      .then(
        (result) => !cancelled && setOpened(result),
        (error: Error) => !cancelled && setOpened({ failed: error.message }),
      )
    return () => {
      cancelled = true
      if (loaded) closeVersion(loaded)
    }
  }, [planId])

  useEffect(() => {
    const version = opened && opened !== 'none' && !('failed' in opened) ? opened : undefined
    if (!opened) setConsensus({ kind: 'loading' })
    else if (opened === 'none') setConsensus({ kind: 'none' })
    else if ('failed' in opened) setConsensus({ kind: 'failed', message: opened.failed })
    const comparison = version && new LiveComparison(version.plan, plan)
    const before = version && summaryOf(version.plan)
    const familyOf = (sku: string) =>
      plan.readItem(sku)?.family ?? version?.plan.readItem(sku)?.family ?? ''
    const publish = () => {
      const now = summaryOf(plan)
      setSummary(now)
      if (version && comparison && before) {
        const changes = summaryChanges(before, now, comparison.result(), familyOf)
        setConsensus({ kind: 'ready', version: version.version, changes })
      }
    }
    publish()
    const touched = new Set<string>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = model.onChange((change) => {
      for (const key of [...change.skus, ...change.resources]) touched.add(key)
      clearTimeout(timer)
      timer = setTimeout(() => {
        comparison?.update(touched)
        touched.clear()
        publish()
      }, RECOMPUTE_MS)
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [plan, model, opened])

  return { summary, consensus }
}
