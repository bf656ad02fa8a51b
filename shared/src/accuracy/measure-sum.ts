import type { AccuracyMeasures } from './accuracy-measures.js'
import { TRACKING_SIGNAL_LIMIT } from './accuracy-measures.js'

/**
 * The running sums behind `accuracyMeasures`, for cells added one at a time (SKU × period), so
 * a plan of 10,000 SKUs is measured without building arrays. `finish()` gives what
 * `accuracyMeasures` gives for the same cells. MASE over several SKUs is Σ|A − F| over Σ of each
 * cell's naive scale (its SKU's in-sample seasonal naive error), counting only cells that have
 * a scale: for one SKU that is MAD ÷ scale.
 *
 * The tracking signal is the series' one: Σ(A − F) over the mean absolute error of the periods,
 * where a period's error sums its cells (call `closePeriod` after each period). For one SKU that
 * is the textbook Σ(A − F) / MAD; for a family or the plan it is the signal of their total,
 * which does not grow with the number of SKUs as a signal over cells would.
 */
export class MeasureSum {
  count = 0
  actualTotal = 0
  forecastTotal = 0
  absoluteError = 0
  private scaledError = 0
  private scaleTotal = 0
  private periodError = 0
  private periodCells = 0
  private periods = 0
  private periodAbsolute = 0

  /** Adds a cell; the caller passes only cells with both values. `scale` NaN: no MASE scale. */
  add(actual: number, forecast: number, scale: number): void {
    const error = Math.abs(actual - forecast)
    this.count++
    this.actualTotal += actual
    this.forecastTotal += forecast
    this.absoluteError += error
    this.periodError += actual - forecast
    this.periodCells++
    if (scale === scale && scale > 0) {
      this.scaledError += error
      this.scaleTotal += scale
    }
  }

  /** Ends a period: its cells' summed error counts once in the tracking signal's MAD. */
  closePeriod(): void {
    if (this.periodCells === 0) return
    this.periods++
    this.periodAbsolute += Math.abs(this.periodError)
    this.periodError = 0
    this.periodCells = 0
  }

  /** The measures, or null when no cell was added ("no data"). */
  finish(): AccuracyMeasures | null {
    if (this.count === 0) return null
    this.closePeriod()
    const mad = this.absoluteError / this.count
    const signed = this.forecastTotal - this.actualTotal
    const seriesMad = this.periodAbsolute / this.periods
    const trackingSignal = seriesMad === 0 ? null : -signed / seriesMad
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
