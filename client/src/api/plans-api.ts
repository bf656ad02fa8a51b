import type { ApiError, PlanMember, PlanRecord } from '@tandem/shared'

/** A failed REST call, carrying the server's error code when it sent one. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError | undefined,
  ) {
    super(error?.message ?? `HTTP ${status}`)
  }
}

/** Calls the REST API with the session cookie; a non-2xx answer throws an ApiFailure. */
export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  })
  if (response.status === 204) return undefined as T
  if (!response.ok) {
    const error = (await response.json().catch(() => undefined)) as ApiError | undefined
    throw new ApiFailure(response.status, error)
  }
  return (await response.json()) as T
}

export async function listPlans(): Promise<PlanRecord[]> {
  return (await call<{ plans: PlanRecord[] }>('/api/plans')).plans
}

export async function getPlan(id: string, signal?: AbortSignal): Promise<PlanRecord> {
  return (await call<{ plan: PlanRecord }>(`/api/plans/${encodeURIComponent(id)}`, { signal })).plan
}

/** Options for a generated demo plan. */
export interface DemoPlanRequest {
  name?: string
  skuCount?: number
  periodCount?: number
  periodKind?: 'week' | 'month'
}

export async function createDemoPlan(request: DemoPlanRequest): Promise<PlanRecord> {
  const { name, ...generator } = request
  const body = JSON.stringify({ name, generator })
  return (await call<{ plan: PlanRecord }>('/api/plans', { method: 'POST', body })).plan
}

export type { PlanMember }

export async function listMembers(id: string, signal?: AbortSignal): Promise<PlanMember[]> {
  const path = `/api/plans/${encodeURIComponent(id)}/members`
  return (await call<{ members: PlanMember[] }>(path, { signal })).members
}
