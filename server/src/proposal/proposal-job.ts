import type { ProposalSelection, ProposalUnmet } from '@tandem/shared'

/**
 * A supply proposal to run in a worker thread: the base plan's durable state as the store
 * keeps it (so the main thread never encodes the plan), and which SKUs.
 */
export interface ProposalWorkerJob {
  snapshot: Uint8Array
  updates: Uint8Array[]
  selection: ProposalSelection
}

/** Most unmet needs a worker sends back in full; the count is always whole. */
export const UNMET_LIMIT = 1000

/**
 * What the worker answers: the base's state (the branch), its state vector, and the scenario's
 * first state with the proposal written into it; or why it failed.
 */
export type ProposalWorkerMessage =
  | {
      kind: 'done'
      branch: Uint8Array
      stateVector: Uint8Array
      /** The base document's epoch; the scenario's state is at epoch 0. */
      documentEpoch: number
      scenario: Uint8Array
      skus: number
      changedCells: number
      unmet: ProposalUnmet[]
      unmetCount: number
    }
  | { kind: 'failed'; message: string }
