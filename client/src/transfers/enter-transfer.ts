import type { Transfer } from '@tandem/shared'
import { cancelTransfer, writeTransfer } from '@tandem/shared'
import { MASTER_ORIGIN } from '../sync/local-origin.js'
import type { PlanLive } from '../sync/plan-session.js'

/**
 * Writes a checked transfer into the plan document (the server checks it again with the same
 * rule, and a refusal comes back as a notice naming the transfer). Not undoable, like master data.
 */
export function enterTransfer(live: PlanLive, id: string, transfer: Transfer): void {
  live.plan.doc.transact(() => writeTransfer(live.plan, id, transfer), MASTER_ORIGIN)
}

/** Cancels a transfer: both sites' projected inventory goes back. */
export function withdrawTransfer(live: PlanLive, id: string): void {
  live.plan.doc.transact(() => cancelTransfer(live.plan, id), MASTER_ORIGIN)
}
