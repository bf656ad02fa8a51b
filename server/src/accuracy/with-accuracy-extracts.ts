import type { PlanRecords } from '../store/plan-records.js'
import type { AccuracyReports } from './accuracy-reports.js'

/**
 * The plan records, except that each version they create is handed to the Accuracy reports to
 * extract (in the worker) and keep beside it, once it is stored.
 */
export function withAccuracyExtracts(records: PlanRecords, reports: AccuracyReports): PlanRecords {
  const extracting: Pick<PlanRecords, 'createVersion'> = {
    async createVersion(record, snapshot) {
      await records.createVersion(record, snapshot)
      reports.versionPublished(record, snapshot)
    },
  }
  // Every other method is the store's own, found through the prototype.
  return Object.assign(Object.create(records) as PlanRecords, extracting)
}
