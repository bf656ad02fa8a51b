import type { AccuracyQuery, AccuracyReport } from '@tandem/shared'
import { call } from '../api/plans-api.js'

function search(query: AccuracyQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ lag: String(query.lag), ...extra })
  for (const key of ['family', 'site', 'sku'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  for (const key of ['skuOffset', 'skuLimit'] as const) {
    const value = query[key]
    if (value !== undefined) params.set(key, String(value))
  }
  return params.toString()
}

/** `GET /api/plans/:id/accuracy`: the report with one page of its SKU rows. */
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
