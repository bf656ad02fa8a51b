import type { Transfer } from './transfer.js'
import { arrivalPeriod } from './transfer.js'

/** What transfers add to one SKU per period: arrivals (supply) and shipments (demand). */
export interface TransferFlows {
  inbound: number[]
  outbound: number[]
}

/**
 * Per period, what the transfers of one SKU ship out of it and bring into it. Shipments before
 * or arrivals after the horizon are left out: those quantities are outside the plan's periods.
 */
export function transferFlows(
  sku: string,
  transfers: Iterable<Transfer>,
  periodCount: number,
): TransferFlows {
  const inbound = new Array<number>(periodCount).fill(0)
  const outbound = new Array<number>(periodCount).fill(0)
  for (const transfer of transfers) {
    if (transfer.fromSku === sku && inHorizon(transfer.period, periodCount))
      outbound[transfer.period] += transfer.quantity
    const arrives = arrivalPeriod(transfer)
    if (transfer.toSku === sku && inHorizon(arrives, periodCount))
      inbound[arrives] += transfer.quantity
  }
  return { inbound, outbound }
}

/**
 * Per period, the quantity shipped and not yet arrived at the period's end: it is in no site's
 * projected inventory, so the network's stock is the sites' stock plus this.
 */
export function inTransit(transfers: Iterable<Transfer>, periodCount: number): number[] {
  const result = new Array<number>(periodCount).fill(0)
  for (const transfer of transfers) {
    const end = Math.min(arrivalPeriod(transfer), periodCount)
    for (let t = Math.max(0, transfer.period); t < end; t++) result[t] += transfer.quantity
  }
  return result
}

function inHorizon(period: number, periodCount: number): boolean {
  return period >= 0 && period < periodCount
}
