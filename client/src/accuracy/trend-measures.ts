/** The measures the accuracy trend can show: WMAPE and bias in percent, the others as they are. */
export const TREND_MEASURES = ['wmape', 'bias', 'trackingSignal', 'mase'] as const
export type TrendMeasure = (typeof TREND_MEASURES)[number]
