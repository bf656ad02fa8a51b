import type { Grouping } from '../plan-view/grouping.js'

/**
 * What the chart shows: one SKU, one family's roll-up, one group's (a site, a resource), or
 * everything the filters leave in view (`total`, what it shows until a row is chosen).
 */
export type ChartTarget =
  | { kind: 'sku'; sku: string }
  | { kind: 'family'; family: string }
  | { kind: 'group'; by: Grouping; group: string }
  | { kind: 'total' }
