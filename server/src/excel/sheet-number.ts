import type { SheetCell } from './sheet-table.js'

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * The number a cell holds: undefined when it is blank, NaN when it holds anything but a plain
 * number (a number cell, or text such as `12`, `12.5` or `-3`; no thousands separators).
 */
export function sheetNumber(cell: SheetCell): number | undefined {
  if (cell === null) return undefined
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : Number.NaN
  const text = cell.trim()
  if (text === '') return undefined
  return PLAIN_NUMBER.test(text) ? Number(text) : Number.NaN
}

/** Decimal places a number is written with (1.25 → 2), for guessing a plan's precision. */
export function decimalPlaces(value: number): number {
  if (Number.isInteger(value)) return 0
  const text = String(value)
  const exponent = /e-(\d+)$/.exec(text)
  const point = text.indexOf('.')
  const fraction = point < 0 ? 0 : text.replace(/e.*$/, '').length - point - 1
  return fraction + (exponent ? Number(exponent[1]) : 0)
}
