/** The last value, repeated. */
export function naive(values: readonly number[], horizon: number): number[] {
  return new Array<number>(horizon).fill(values.length > 0 ? values[values.length - 1] : 0)
}
