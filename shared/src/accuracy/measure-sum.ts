import type { AccuracyMeasures } from './accuracy-measures.js'
import { TRACKING_SIGNAL_LIMIT } from './accuracy-measures.js'

/**
 * The running sums behind `accuracyMeasures`, for cells added one at a time (SKU × period), so
 * a plan of 10,000 SKUs is measured without building arrays. `finish()` gives what
 * `accuracyMeasures` gives for the same cells. MASE over several SKUs is Σ|A − F| over Σ of each
 * cell's naive scale (its SKU's in-sample seasonal naive error), counting only cells that have
 * a scale: for one SKU that is MAD ÷ scale.
 */
export class MeasureSum {
  count = 0
  actualTotal = 0
  forecastTotal = 0
  absoluteError = 0
  private scaledError = 0
  private scaleTotal = 0

  /** Adds a cell; the caller passes only cells with both values. `scale` NaN: no MASE scale. */
  add(actual: number, forecast: number, scale: number): void {
    const error = Math.abs(actual - forecast)
    this.count++
    this.actualTotal += actual
    this.forecastTotal += forecast
    this.absoluteError += error
    if (scale === scale && scale > 0) {
      this.scaledError += error
      this.scaleTotal += scale
    }
  }

  /** The measures, or null when no cell was added ("no data"). */
  finish(): AccuracyMeasures | null {
    if (this.count === 0) return null
    const mad = this.absoluteError / this.count
    const signed = this.forecastTotal - this.actualTotal
    const trackingSignal = mad === 0 ? null : -signed / mad
    return {
      count: this.count,
      actualTotal: this.actualTotal,
      forecastTotal: this.forecastTotal,
      absoluteError: this.absoluteError,
      wmape: this.actualTotal === 0 ? null : this.absoluteError / this.actualTotal,
      bias: this.actualTotal === 0 ? null : signed / this.actualTotal,
      mad,
      trackingSignal,
      biased: trackingSignal !== null && Math.abs(trackingSignal) > TRACKING_SIGNAL_LIMIT,
      mase: this.scaleTotal === 0 ? null : this.scaledError / this.scaleTotal,
    }
  }
}
