import type { ActivityEntry, CellHistoryEntry, CellHistoryResponse, Measure } from '@tandem/shared'
import { call } from '../api/plans-api.js'

export type { ActivityEntry, CellHistoryEntry, CellHistoryResponse }

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`

export async function cellHistory(
  planId: string,
  cell: { measure: Measure; key: string; period: number },
): Promise<CellHistoryResponse> {
  const query = new URLSearchParams({
    measure: cell.measure,
    key: cell.key,
    period: String(cell.period),
  })
  return call<CellHistoryResponse>(`${base(planId)}/history?${query}`)
}

export async function planActivity(planId: string, limit = 50): Promise<ActivityEntry[]> {
  const path = `${base(planId)}/activity?limit=${limit}`
  return (await call<{ activity: ActivityEntry[] }>(path)).activity
}
