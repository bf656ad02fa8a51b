import * as Y from 'yjs'
import type { InboxEntry, InboxItem, InboxList, PlanRecord, Role } from '@tandem/shared'
import { inboxItems, PlanDoc } from '@tandem/shared'
import type { PlanAccessLookup } from '../auth/plan-access.js'
import { planRole } from '../auth/plan-access.js'
import type { PlanLog } from '../store/plan-log.js'
import type { PlanRecords } from '../store/plan-records.js'
import type { ScenarioStore } from '../store/scenario-store.js'
import type { UserRecord } from '../store/user-record.js'
import { storedStatePosition } from '../store/stored-state-position.js'
import type { StoredInboxCache } from './stored-inbox-cache.js'

/** What an inbox is built from. */
export interface InboxSources {
  log: Pick<PlanLog, 'listPlans' | 'loadPlan' | 'getPlan'>
  records: Pick<PlanRecords, 'getInboxReads'>
  accounts: PlanAccessLookup
  scenarios: Pick<ScenarioStore, 'getScenario'>
  /** The live document of a plan some room has open, which is read instead of the store. */
  liveDoc?: (planId: string) => Y.Doc | undefined
  /** Items of plans read from the store, per stored state. */
  storedCache?: StoredInboxCache
}

/**
 * A user's inbox across every plan they may open (scenarios are left out: their work is done in
 * the base plan), built by the shared `inboxItems` from each plan's durable document, with the
 * user's read marks. `seen` is told each plan's items, so later changes can be compared. With
 * `only`, just those plans are read.
 */
export async function inboxOfUser(
  sources: InboxSources,
  user: UserRecord,
  options: { seen?: (planId: string, items: InboxItem[]) => void; only?: Set<string> } = {},
): Promise<InboxList> {
  const { seen, only } = options
  const plans = (await sources.log.listPlans()).filter((plan) => !only || only.has(plan.id))
  const perPlan = await Promise.all(
    plans.map(async (plan): Promise<InboxEntry[]> => {
      const role = await planRole(sources.accounts, user, plan.id)
      if (!role || (await sources.scenarios.getScenario(plan.id))) return []
      const items = await itemsOf(sources, plan, user.id, role)
      if (!items) return []
      seen?.(plan.id, items)
      const read = new Set(await sources.records.getInboxReads(plan.id, user.id))
      return items.map((item) => ({ ...item, planName: plan.name, read: read.has(item.id) }))
    }),
  )
  const items = perPlan
    .flat()
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1))
  return { items, unread: items.filter((item) => !item.read).length }
}

/**
 * The user's items in one plan: from the open room's document when there is one, else from the
 * stored state (cached per state, since applying a large plan is costly).
 */
async function itemsOf(
  sources: InboxSources,
  plan: PlanRecord,
  userId: string,
  role: Role,
): Promise<InboxItem[] | undefined> {
  const live = sources.liveDoc?.(plan.id)
  if (live) return inboxItems(new PlanDoc(live), plan.id, userId, role)
  const state = await sources.log.loadPlan(plan.id)
  if (!state) return undefined
  const key = [plan.id, plan.createdAt, storedStatePosition(state), userId, role].join('|')
  const cached = sources.storedCache?.get(key)
  if (cached) return cached
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates) Y.applyUpdate(doc, update)
  const items = inboxItems(new PlanDoc(doc), plan.id, userId, role)
  doc.destroy()
  sources.storedCache?.set(key, items)
  return items
}
