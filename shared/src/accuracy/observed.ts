/** A period's value when it has one: a finite number. `null` (or anything else) is "no data". */
export function observed(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
