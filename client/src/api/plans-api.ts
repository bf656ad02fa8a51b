import type { ApiError } from '@tandem/shared'
import type { PlanRecord } from './plan-record.js'

/** A failed REST call, carrying the server's error code when it sent one. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError | undefined,
  ) {
    super(error?.message ?? `HTTP ${status}`)
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  })
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
