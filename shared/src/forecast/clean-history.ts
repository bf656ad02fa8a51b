/** A history ready for the models: no missing entries. */
export interface CleanHistory {
  values: number[]
  /** Missing periods at the end (not yet reported): the forecast covers them first. */
  trailingMissing: number
}

const isMissing = (v: number | null | undefined): boolean =>
  v === null || v === undefined || !Number.isFinite(v)

/**
 * Drops the missing periods before the first value (a product not yet sold is not a product that
 * sold zero), counts those after the last, and fills gaps inside by linear interpolation.
 */
export function cleanHistory(history: readonly (number | null)[]): CleanHistory {
  const first = history.findIndex((v) => !isMissing(v))
  if (first < 0) return { values: [], trailingMissing: 0 }
  let last = history.length - 1
  while (isMissing(history[last])) last--
  const values: number[] = []
  let previous = first
  for (let t = first; t <= last; t++) {
    const v = history[t]
    if (!isMissing(v)) {
      const value = v as number
      const gap = t - previous
      const from = values[values.length - 1]
      for (let k = 1; k < gap; k++) values.push(from + ((value - from) * k) / gap)
      values.push(value)
      previous = t
    }
  }
  return { values, trailingMissing: history.length - 1 - last }
}
