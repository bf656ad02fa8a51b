import { median } from './board-paint.js'
import { markdownTable } from './markdown-table.js'
import { percentile } from './percentile.js'

/** What the navigation scenario measures on a large plan, in Chromium: ms per sample. */
export interface NavigateReport {
  type: 'navigate'
  skuCount: number
  periodCount: number
  /** Input event → the grid painted with the new view, per action. */
  actions: Record<NavigateAction, number[]>
  /** Local edit (`tandem:edit`) → repaint of its rows (`tandem:repaint`), with a filter and a sort on. */
  editRepaint: number[]
}

export const NAVIGATE_ACTIONS = ['filter', 'sort', 'search', 'grain'] as const
export type NavigateAction = (typeof NAVIGATE_ACTIONS)[number]

const WHAT: Record<NavigateAction, string> = {
  filter: 'filter (Only SKUs with gaps, a gap badge: on and off)',
  sort: 'sort (a period header: ascending, descending, plan order)',
  search: 'search as you type (one keystroke)',
  grain: 'switch the time grain (weeks, months, quarters)',
}

/** The scenario's table: median, p95 and worst per action against its target. */
export function navigateTable(report: NavigateReport): string {
  const row = (what: string, samples: number[], target: number) => {
    if (samples.length === 0) return [what, '0', 'n/a', 'n/a', 'n/a', `≤ ${target}`, 'not measured']
    const middle = median(samples)
    return [
      what,
      String(samples.length),
      middle.toFixed(1),
      percentile(samples, 95).toFixed(1),
      Math.max(...samples).toFixed(1),
      `≤ ${target}`,
      middle <= target ? 'PASS' : 'MISS',
    ]
  }
  return markdownTable(
    [
      'on a ' + `${report.skuCount.toLocaleString('en-US')} SKU × ${report.periodCount} week plan`,
      'samples',
      'median ms',
      'p95 ms',
      'worst ms',
      'target ms (median)',
      '',
    ],
    [
      ...NAVIGATE_ACTIONS.map((action) =>
        row(`input → painted grid: ${WHAT[action]}`, report.actions[action], 100),
      ),
      row('edit → repaint, with a filter and a sort on', report.editRepaint, 16),
    ],
  )
}
