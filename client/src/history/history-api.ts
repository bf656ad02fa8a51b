import type { Measure } from '@tandem/shared'
import { call } from '../api/plans-api.js'

/** One value a cell has had, who set it (a user id) and when. */
export interface CellHistoryEntry {
  value: number
  author: string
  at: string
  seq: number
}

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
): Promise<CellHistoryEntry[]> {
  const query = new URLSearchParams({
    measure: cell.measure,
    key: cell.key,
    period: String(cell.period),
  })
  return (await call<{ history: CellHistoryEntry[] }>(`${base(planId)}/history?${query}`)).history
}

export async function planActivity(planId: string, limit = 50): Promise<ActivityEntry[]> {
  const path = `${base(planId)}/activity?limit=${limit}`
  return (await call<{ activity: ActivityEntry[] }>(path)).activity
}
