/** What the chart shows: one SKU or one family's roll-up. */
export type ChartTarget = { kind: 'sku'; sku: string } | { kind: 'family'; family: string }
