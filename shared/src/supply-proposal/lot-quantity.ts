/** How a SKU may be produced: every order is at least `minBatch` and a multiple of `lotSize`. */
export interface LotRule {
  /** Smallest quantity one order may have; 0 for none. */
  minBatch: number
  /** Orders are whole multiples of this; 0 (or 1) for any quantity. */
  lotSize: number
}

/**
 * The order that covers a net requirement under a lot rule: at least the requirement and the
 * minimum batch, rounded up to a whole number of lots. 0 when nothing is needed.
 */
export function lotQuantity(net: number, rule: LotRule): number {
  if (!(net > 0)) return 0
  return roundUpToLot(Math.max(net, rule.minBatch), rule.lotSize)
}

/** The largest quantity of whole lots that fits in `room`. */
export function wholeLotsWithin(room: number, lotSize: number): number {
  if (!(room > 0)) return 0
  if (!(lotSize > 0)) return room
  return Math.floor(room / lotSize + 1e-9) * lotSize
}

function roundUpToLot(quantity: number, lotSize: number): number {
  if (!(lotSize > 0)) return quantity
  return Math.ceil(quantity / lotSize - 1e-9) * lotSize
}
