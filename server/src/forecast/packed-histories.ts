/**
 * Demand histories packed into two typed arrays for a worker thread: structured cloning copies
 * a typed array as one block, where nested arrays of numbers cost about 50 ms of the event loop
 * per 5,000 SKUs × 156 periods. A missing period (null) is NaN.
 */
export interface PackedHistories {
  /** History i is values[offsets[i]] up to values[offsets[i + 1]]. */
  offsets: Int32Array
  values: Float64Array
}

export function packHistories(histories: readonly (readonly (number | null)[])[]): PackedHistories {
  const offsets = new Int32Array(histories.length + 1)
  for (let i = 0; i < histories.length; i++) offsets[i + 1] = offsets[i] + histories[i].length
  const values = new Float64Array(offsets[histories.length])
  histories.forEach((history, i) => {
    const at = offsets[i]
    for (let t = 0; t < history.length; t++) values[at + t] = history[t] ?? Number.NaN
  })
  return { offsets, values }
}

export function historyCount(packed: PackedHistories): number {
  return packed.offsets.length - 1
}

/** History `i`, with null where a period is missing. */
export function unpackHistory(packed: PackedHistories, i: number): (number | null)[] {
  const history: (number | null)[] = []
  for (let at = packed.offsets[i]; at < packed.offsets[i + 1]; at++) {
    const value = packed.values[at]
    history.push(Number.isNaN(value) ? null : value)
  }
  return history
}
