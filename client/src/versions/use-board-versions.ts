import { useEffect, useMemo, useState } from 'react'
import type { PlanDoc, PlanModel } from '@tandem/shared'
import type { CompareOverlay } from '../plan-view/compare-overlay.js'
import { compareOverlay } from '../plan-view/compare-overlay.js'
import type { OpenedVersion } from './opened-version.js'
import { closeVersion, loadVersion } from './opened-version.js'
import type { CompareRequest } from './use-comparison.js'
import { useComparison } from './use-comparison.js'
import type { PlanVersion } from '@tandem/shared'

/** What the board shows from the versions panel: an opened version, a comparison. */
export interface BoardVersions {
  opened: OpenedVersion | undefined
  /** Shows a version read-only (undefined: back to the live plan); rejects if it cannot load. */
  open: (version: PlanVersion | undefined) => Promise<void>
  comparing: CompareRequest | undefined
  compare: (request: CompareRequest | undefined) => void
  overlay: CompareOverlay | undefined
  compareFailure: string | undefined
  changedOnly: boolean
  setChangedOnly: (changedOnly: boolean) => void
}

export function useBoardVersions(
  planId: string,
  live: { plan: PlanDoc; model: PlanModel },
): BoardVersions {
  const [opened, setOpened] = useState<OpenedVersion>()
  const [comparing, setComparing] = useState<CompareRequest>()
  const [changedOnly, setChangedOnly] = useState(false)
  const { comparison, failure } = useComparison(planId, live, comparing)
  useEffect(() => (opened ? () => closeVersion(opened) : undefined), [opened])
  const overlay = useMemo(
    () => (comparison ? compareOverlay(comparison, changedOnly) : undefined),
    [comparison, changedOnly],
  )
  const open = async (version: PlanVersion | undefined) => {
    if (!version) return setOpened(undefined)
    setComparing(undefined)
    setOpened(await loadVersion(planId, version))
  }
  const compare = (request: CompareRequest | undefined) => {
    setOpened(undefined)
    setComparing(request)
  }
  return {
    opened,
    open,
    comparing,
    compare,
    overlay,
    compareFailure: failure,
    changedOnly,
    setChangedOnly,
  }
}
