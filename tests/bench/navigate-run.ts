import { Child } from './child.js'
import type { NavigateReport } from './navigate-report.js'

/** Filter, sort, search, grain and edits on a large plan in Chromium, in a fresh process. */
export async function navigateRun(skuCount: number, periodCount: number): Promise<NavigateReport> {
  const child = new Child<never, NavigateReport>('./navigate-process.ts', [
    String(skuCount),
    String(periodCount),
  ])
  try {
    return await child.next('navigate', 600_000)
  } finally {
    await child.stop()
  }
}
