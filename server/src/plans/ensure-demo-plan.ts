import * as Y from 'yjs'
import {
  accuracyExtractOf,
  demoCycles,
  demoPlan,
  encodeAccuracyExtract,
  PlanDoc,
} from '@tandem/shared'
import { DEMO_USERS } from '../auth/bootstrap-users.js'
import type { Accounts } from '../store/accounts.js'
import type { PlanLog } from '../store/plan-log.js'
import { PlanExistsError } from '../store/plan-log.js'
import type { PlanRecords } from '../store/plan-records.js'
import { planSnapshot } from './plan-snapshot.js'

/** The id of the plan created on first start. */
export const DEMO_PLAN_ID = 'demo'

/** Who made the demo's past cycles: user ids of a sales person and a planner. */
export type DemoAuthors = Record<'sales' | 'planner', string>

/**
 * Creates the demo plan unless it exists: about 200 SKUs × 26 weeks with three years of
 * history, and its 12 past cycles (`demoCycles`): a sales submission and a consensus version
 * per period (each with its accuracy extract, so the first report decodes none), the actual
 * production of those periods, and the per-cell history of the
 * overrides the demo's sales person and planner made, so the Accuracy panel has figures on
 * first start. `authors` defaults to the demo accounts (sales@demo.tandem, planner@demo.tandem);
 * without them the versions are still created, authored `demo`. Returns true if created.
 */
export async function ensureDemoPlan(
  stores: { log: PlanLog; records: PlanRecords; accounts: Accounts },
  authors?: DemoAuthors,
): Promise<boolean> {
  const { log, records } = stores
  if (await log.getPlan(DEMO_PLAN_ID)) return false
  const input = demoPlan({ name: 'Demo plan', history: true, transfers: true })
  const cycles = demoCycles(input)
  input.actualProduction = cycles.actualProduction
  const { record, snapshot } = planSnapshot(DEMO_PLAN_ID, input)
  try {
    await log.createPlan(record, snapshot)
  } catch (error) {
    if (error instanceof PlanExistsError) return false
    throw error
  }
  const who = authors ?? (await demoAccounts(stores.accounts))
  for (const version of cycles.versions) {
    const { snapshot: bytes, author, ...fields } = version
    await records.createVersion(
      { ...fields, planId: DEMO_PLAN_ID, author: who?.[author] ?? 'demo' },
      bytes,
    )
    await records.saveAccuracyExtract(DEMO_PLAN_ID, fields.id, demoExtract(bytes, fields.createdAt))
  }
  if (who) {
    // The past cycles' edits were made in the plans before this one; their per-cell history
    // is kept here, on this plan's calendar, under an empty update.
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await log.appendUpdates(
      DEMO_PLAN_ID,
      (['sales', 'planner'] as const).map((author) => ({
        update: empty,
        author: who[author],
        cells: cycles.writes
          .filter((write) => write.author === author)
          .map(({ sku, period, value }) => ({
            measure: 'demand' as const,
            key: sku,
            period,
            value,
          })),
      })),
    )
  }
  return true
}

async function demoAccounts(accounts: Accounts): Promise<DemoAuthors | undefined> {
  const email = (role: string) => DEMO_USERS.find((user) => user.role === role)!.email
  const sales = await accounts.getUserByEmail(email('sales'))
  const planner = await accounts.getUserByEmail(email('planner'))
  return sales && planner ? { sales: sales.id, planner: planner.id } : undefined
}

/** A demo version's accuracy extract (a small plan: read here, once, on first start). */
function demoExtract(snapshot: Uint8Array, publishedAt: string): Uint8Array {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, snapshot)
    return encodeAccuracyExtract(accuracyExtractOf(new PlanDoc(doc), publishedAt))
  } finally {
    doc.destroy()
  }
}
