import { parentPort, workerData } from 'node:worker_threads'
import type { ProposalItem } from '@tandem/shared'
import { proposeSupply } from '@tandem/shared'
import type { ProposalWorkerJob, ProposalWorkerMessage } from './proposal-job.js'
import { LEVEL_FIELDS, UNMET_LIMIT } from './proposal-job.js'

/** The worker thread's body: unpacks the job, runs `proposeSupply`, packs the rows back. */
function run(job: ProposalWorkerJob): void {
  const post = (message: ProposalWorkerMessage, transfer: ArrayBuffer[] = []) =>
    parentPort?.postMessage(message, transfer)
  try {
    const n = job.periodCount
    const row = (packed: Float64Array, i: number) => Array.from(packed.subarray(i * n, (i + 1) * n))
    const items: ProposalItem[] = job.skus.map((sku, i) => {
      const level = (field: number) => job.levels[i * LEVEL_FIELDS + field]!
      return {
        sku,
        resource: job.resources[i]!,
        openingStock: level(0),
        safetyStock: level(1),
        maxStock: level(2),
        leadTime: level(3),
        minBatch: level(4),
        lotSize: level(5),
        demand: row(job.demand, i),
        supply: row(job.supply, i),
      }
    })
    const capacity = Object.fromEntries(job.capacityOf.map((id, i) => [id, row(job.capacity, i)]))
    const proposal = proposeSupply({
      periodCount: n,
      frozenThrough: job.frozenThrough,
      items,
      capacity,
    })
    const supply = new Float64Array(job.skus.length * n)
    job.skus.forEach((sku, i) => supply.set(proposal.supply[sku]!, i * n))
    const load = Object.fromEntries(
      Object.entries(proposal.load).map(([id, values]) => [
        id,
        values.map((value) => (Number.isFinite(value) ? value : -1)),
      ]),
    )
    post(
      {
        kind: 'done',
        supply,
        unmet: proposal.unmet.slice(0, UNMET_LIMIT),
        unmetCount: proposal.unmet.length,
        load,
      },
      [supply.buffer],
    )
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

run(workerData as ProposalWorkerJob)
