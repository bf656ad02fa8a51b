import { MAX_ACCURACY_LAG } from '@tandem/shared'

/** What the Accuracy page shows, as its URL says: `?lag=2&family=Juice&site=SH&sku=SKU-1`. */
export interface AccuracyView {
  lag: number
  family: string
  site: string
  sku: string
}

/** The view a page URL's query names; a lag out of range reads as 1, a missing scope as all. */
export function readAccuracyView(search: string): AccuracyView {
  const params = new URLSearchParams(search)
  const lag = Number(params.get('lag'))
  return {
    lag: Number.isInteger(lag) && lag >= 1 && lag <= MAX_ACCURACY_LAG ? lag : 1,
    family: params.get('family') ?? '',
    site: params.get('site') ?? '',
    sku: params.get('sku') ?? '',
  }
}

/** The query that names a view (`?lag=1` and only the scopes chosen). */
export function accuracyViewSearch(view: AccuracyView): string {
  const params = new URLSearchParams({ lag: String(view.lag) })
  for (const key of ['family', 'site', 'sku'] as const) if (view[key]) params.set(key, view[key])
  return `?${params.toString()}`
}
