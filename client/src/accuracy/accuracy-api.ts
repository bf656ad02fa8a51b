import type { AccuracyQuery, AccuracyReport } from '@tandem/shared'
import { call } from '../api/plans-api.js'

function search(query: AccuracyQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ lag: String(query.lag), ...extra })
  for (const key of ['family', 'site', 'sku'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  return params.toString()
}

/** `GET /api/plans/:id/accuracy`. */
export function getAccuracy(
  planId: string,
  query: AccuracyQuery,
  signal?: AbortSignal,
): Promise<AccuracyReport> {
  return call(`/api/plans/${encodeURIComponent(planId)}/accuracy?${search(query)}`, { signal })
}

/** The URL of the panel's XLSX export, in the user's language. */
export function accuracyXlsxUrl(planId: string, query: AccuracyQuery, locale: string): string {
  const language = locale === 'zh-CN' ? 'zh-CN' : 'en'
  return `/api/plans/${encodeURIComponent(planId)}/accuracy.xlsx?${search(query, { locale: language })}`
}
