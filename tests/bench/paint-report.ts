/** What one browser run measures: URL → painted grid of a large plan, in Chromium. */
export interface PaintReport {
  type: 'paint'
  skuCount: number
  periodCount: number
  /** Plan creation over REST (generate, validate, store), ms. */
  createMs: number
  /** Fresh browser context (empty IndexedDB), plan not loaded on the server: ms per sample. */
  cold: number[]
  /** Fresh browser context (empty IndexedDB), room already open for another person. */
  warm: number[]
  /** The client's marks of the median cold and warm sample, for the log. */
  coldSteps: Record<string, number>
  warmSteps: Record<string, number>
  /** Page JS heap after the paint, MB (median of the cold samples). */
  pageHeapMb: number
}
