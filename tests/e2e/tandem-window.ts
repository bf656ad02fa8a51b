import type { Measure } from '@tandem/shared'

/** The client's read-only debug handle (client/src/debug/debug-handle.ts), as tests see it. */
export interface TandemDebugHandle {
  cellText(row: string, period: number): string | undefined
  cellBounds(
    row: string,
    period: number,
  ): { x: number; y: number; width: number; height: number } | undefined
  readCell(measure: Measure, key: string, period: number): number
  visibleRegion(): {
    x: number
    y: number
    width: number
    height: number
    topRow: string | undefined
  }
  rowKeys(): string[]
  generation(): number
  presence(): Record<number, unknown>
  changeAt(row: string, period: number): string | undefined
  changedCells(): number | undefined
  shownVersion(): string | undefined
}

declare global {
  interface Window {
    __tandem?: TandemDebugHandle
  }
}
