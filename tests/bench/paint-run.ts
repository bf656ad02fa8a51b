import { Child } from './child.js'
import type { PaintReport } from './paint-report.js'

/** The plan of the "URL → painted grid" target: 10,000 SKUs × 104 weeks × 3 measures. */
export const PAINT_PLAN = { skuCount: 10_000, periodCount: 104 }

/** URL → painted grid in Chromium, `samples` cold and `samples` warm, in a fresh process. */
export async function paintRun(samples: number): Promise<PaintReport> {
  const args = [String(PAINT_PLAN.skuCount), String(PAINT_PLAN.periodCount), String(samples)]
  const child = new Child<never, PaintReport>('./paint-process.ts', args)
  try {
    return await child.next('paint', 300_000)
  } finally {
    await child.stop()
  }
}
