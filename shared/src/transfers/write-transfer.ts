import type { PlanDoc } from '../plan-doc.js'
import type { Transfer } from './transfer.js'

/**
 * Enters or replaces a transfer as one JSON value (last writer wins per transfer). The caller
 * checks it first with `checkTransfer`, as the server will.
 */
export function writeTransfer(plan: PlanDoc, id: string, transfer: Transfer): void {
  const { fromSku, toSku, period, leadTime, quantity } = transfer
  plan.transfers.set(id, { fromSku, toSku, period, leadTime, quantity })
}

/** Cancels a transfer: its key is deleted, and both sites' inventory goes back. */
export function cancelTransfer(plan: PlanDoc, id: string): void {
  plan.transfers.delete(id)
}
