/**
 * Capacity load per period: the supply that needs a resource divided by its capacity.
 * A period with supply and zero capacity loads Infinity; no supply and no capacity loads 0.
 */
export function capacityLoad(
  supplies: readonly (readonly number[])[],
  capacity: readonly number[],
): number[] {
  const load = new Array<number>(capacity.length)
  for (let t = 0; t < capacity.length; t++) {
    let required = 0
    for (const supply of supplies) required += supply[t] ?? 0
    const available = capacity[t] ?? 0
    load[t] = available > 0 ? required / available : required > 0 ? Infinity : 0
  }
  return load
}

/** The supply that needs a resource, per period: the numerator of its load. */
export function capacityRequired(
  supplies: readonly (readonly number[])[],
  count: number,
): number[] {
  const required = new Array<number>(count).fill(0)
  for (const supply of supplies) for (let t = 0; t < count; t++) required[t] += supply[t] ?? 0
  return required
}
