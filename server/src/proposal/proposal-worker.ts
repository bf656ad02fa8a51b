import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import {
  documentEpochOf,
  PlanDoc,
  proposalInputOf,
  proposeSupply,
  resetDocumentEpoch,
  writeProposedSupply,
} from '@tandem/shared'
import type { ProposalWorkerJob, ProposalWorkerMessage } from './proposal-job.js'
import { UNMET_LIMIT } from './proposal-job.js'

/**
 * The worker thread's body: loads the base's durable state, encodes it as the branch, runs the
 * proposal over the selected SKUs and writes it into the scenario's first state (at epoch 0).
 */
function run(job: ProposalWorkerJob): void {
  const post = (message: ProposalWorkerMessage, transfer: ArrayBuffer[] = []) =>
    parentPort?.postMessage(message, transfer)
  try {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, job.snapshot)
    for (const update of job.updates) Y.applyUpdate(doc, update)
    const branch = Y.encodeStateAsUpdate(doc)
    const stateVector = Y.encodeStateVector(doc)
    const documentEpoch = documentEpochOf(doc)
    // The scenario is a new plan: document epoch 0, whatever the base's.
    resetDocumentEpoch(doc)
    const plan = new PlanDoc(doc)
    const input = proposalInputOf(plan, job.selection)
    const proposal = proposeSupply(input)
    const changedCells = writeProposedSupply(plan, proposal)
    const scenario = Y.encodeStateAsUpdate(doc)
    post(
      {
        kind: 'done',
        branch,
        stateVector,
        documentEpoch,
        scenario,
        skus: input.items.length,
        changedCells,
        unmet: proposal.unmet.slice(0, UNMET_LIMIT),
        unmetCount: proposal.unmet.length,
      },
      [branch.buffer as ArrayBuffer, scenario.buffer as ArrayBuffer],
    )
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

run(workerData as ProposalWorkerJob)
