import type { Page } from 'playwright-core'
import { waitForGrid } from '../e2e/harness.js'

/** The client's performance marks from navigation to a painted grid, in order. */
export const PAINT_STEPS = [
  'tandem:local-copy-loaded',
  'tandem:connecting',
  'tandem:doc-loaded',
  'tandem:model-built',
  'tandem:grid-painted',
] as const

/** One page load, timed by the client's own marks (ms after navigation start). */
export interface PaintTiming {
  /** `tandem:grid-painted`: the first frame of the grid with data. */
  painted: number
  /** Every step in {@link PAINT_STEPS}, -1 where the mark is missing. */
  steps: Record<string, number>
  heapMb: number
}

/** Median of unsorted samples. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The latest mark of a name on the page, on the shared clock (`timeOrigin + startTime`). */
export async function lastMark(page: Page, name: string): Promise<number | undefined> {
  return page.evaluate((mark) => {
    const entries = performance.getEntriesByName(mark, 'mark')
    const last = entries[entries.length - 1]
    return last ? performance.timeOrigin + last.startTime : undefined
  }, name)
}

/** "local-copy-loaded 12, connecting 15, …" for a log line. */
export function formatSteps(steps: Record<string, number>): string {
  return PAINT_STEPS.map((name) => `${name.slice(7)} ${Math.round(steps[name] ?? -1)}`).join(', ')
}

/**
 * Navigates to a board URL and waits until the grid has painted data and the socket is online
 * (`waitForGrid`), then reads the client's marks: URL → painted grid is `tandem:grid-painted`.
 */
export async function openTimed(page: Page, url: string): Promise<PaintTiming> {
  await page.goto(url)
  await waitForGrid(page)
  return page.evaluate((names) => {
    const steps: Record<string, number> = {}
    for (const name of names) steps[name] = performance.getEntriesByName(name)[0]?.startTime ?? -1
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
    return {
      painted: steps['tandem:grid-painted'],
      steps,
      heapMb: (memory?.usedJSHeapSize ?? 0) / 1024 / 1024,
    }
  }, PAINT_STEPS)
}
