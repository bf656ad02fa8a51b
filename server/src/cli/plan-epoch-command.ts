import * as Y from 'yjs'
import { nextEpochDocument, overlayWeight } from '@tandem/shared'
import { ClientOwners, SYSTEM_AUTHOR } from '../rooms/client-owners.js'
import type { PlanLog } from '../store/plan-log.js'
import { CliError } from './cli-error.js'
import type { CliOutput } from './cli-output.js'

/** A plan written to this often meanwhile is left alone; the command says to try again. */
const ATTEMPTS = 5

/**
 * `plan epoch ID`: moves the plan to its next document epoch from the store's durable state,
 * through the store's compare-and-set, as a server room does. A running server's room of the
 * plan finds out through the append guard (SQLite: at its next edit) or the feed (Redis), and
 * closes its boards with `epochChanged`; they reload and write their unsaved edits again.
 */
export async function planEpochCommand(
  log: PlanLog,
  planId: string | undefined,
  out: CliOutput,
): Promise<void> {
  if (!planId) throw new CliError('ID', 'give the id of the plan (see `plans list`)')
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const state = await log.loadPlan(planId)
    if (!state) throw new CliError('ID', `there is no plan with id ${planId} (see \`plans list\`)`)
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, state.snapshot)
      for (const { update } of state.updates) Y.applyUpdate(doc, update)
      const owners = ClientOwners.of(state)
      owners.claimRemaining(doc)
      const clientID = new Y.Doc().clientID
      owners.claim(clientID, SYSTEM_AUTHOR)
      const next = nextEpochDocument(doc, clientID)
      const result = await log.changeEpoch(planId, {
        snapshot: next.update,
        throughSeq: state.updates.at(-1)?.seq ?? state.compactedThrough,
        clientOwners: owners.toRecord(),
        basedOnEpoch: state.snapshotEpoch,
        documentEpoch: next.epoch,
      })
      if (result.written) {
        const { items } = overlayWeight(doc)
        out.print(
          `Plan ${planId} is at document epoch ${next.epoch}: ${items} overlay items folded, ` +
            `${next.update.byteLength} bytes. Open boards reload it.`,
        )
        return
      }
    } finally {
      doc.destroy()
    }
  }
  throw new CliError('ID', `plan ${planId} kept changing while the epoch was built; try again`)
}
