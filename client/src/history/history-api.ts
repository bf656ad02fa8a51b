import type { CellHistoryEntry, CellHistoryResponse, Measure } from '@tandem/shared'
import { call } from '../api/plans-api.js'

export type { CellHistoryEntry, CellHistoryResponse }

/** One accepted update: who, when, how many cells, in which measures and rows. */
export interface ActivityEntry {
  seq: number
  author: string
  at: string
  cells: number
  measures: Measure[]
  keys: string[]
}

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
