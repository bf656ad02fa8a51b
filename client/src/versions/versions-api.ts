import type { PlanComparison, PlanRecord, PlanVersion, RestoreResult } from '@tandem/shared'
import { ApiFailure, call } from '../api/plans-api.js'

/** Either a version id or the live plan. */
export type VersionRef = string | 'live'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`

export async function listVersions(planId: string): Promise<PlanVersion[]> {
  return (await call<{ versions: PlanVersion[] }>(`${base(planId)}/versions`)).versions
}

export async function publishVersion(
  planId: string,
  name: string,
  note: string,
): Promise<PlanVersion> {
  const body = JSON.stringify({ name, note })
  const path = `${base(planId)}/versions`
  return (await call<{ version: PlanVersion }>(path, { method: 'POST', body })).version
}

/** The version's Yjs update, to apply to a fresh document. */
export async function versionSnapshot(planId: string, versionId: string): Promise<Uint8Array> {
  const path = `${base(planId)}/versions/${encodeURIComponent(versionId)}/snapshot`
  const response = await fetch(path)
  if (!response.ok) throw new ApiFailure(response.status, undefined)
  return new Uint8Array(await response.arrayBuffer())
}

export async function comparePlanVersions(
  planId: string,
  from: VersionRef,
  to: VersionRef,
): Promise<PlanComparison> {
  const query = new URLSearchParams({ from, to })
  return call<PlanComparison>(`${base(planId)}/compare?${query}`)
}

export async function restoreVersion(planId: string, versionId: string): Promise<RestoreResult> {
  const path = `${base(planId)}/versions/${encodeURIComponent(versionId)}/restore`
  return call<RestoreResult>(path, { method: 'POST', body: '{}' })
}

export async function rollForward(
  planId: string,
  versionId: string,
  periods: number,
  name: string,
): Promise<PlanRecord> {
  const body = JSON.stringify({ versionId, periods, name })
  const path = `${base(planId)}/roll-forward`
  return (await call<{ plan: PlanRecord }>(path, { method: 'POST', body })).plan
}
