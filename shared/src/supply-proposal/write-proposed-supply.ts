import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'
import type { SupplyProposal } from './supply-proposal.js'

/**
 * Writes a proposal into a scenario's document before anyone opens it: each changed SKU's supply
 * row gets a fresh base of the proposed values (rounded up to the plan's decimals, at most
 * `maxValue`) and an empty overlay, in one transaction. This is the server building a new
 * document, as an import does, not an edit: no client may replace a base. Returns the cells
 * whose value changed.
 */
export function writeProposedSupply(plan: PlanDoc, proposal: SupplyProposal): number {
  const meta = plan.readMeta()
  const scale = 10 ** meta.decimals
  const onPlan = (value: number) =>
    Math.min(Math.max(0, Math.ceil(value * scale - 1e-9) / scale), meta.maxValue)
  let changed = 0
  plan.doc.transact(() => {
    for (const [sku, proposed] of Object.entries(proposal.supply)) {
      const row = plan.supply.get(sku)
      if (!row) continue
      const before = plan.readRow('supply', sku)
      const values = before.map((value, t) => (t < proposed.length ? onPlan(proposed[t]!) : value))
      const differ = values.filter((value, t) => value !== before[t]).length
      if (differ === 0) continue
      changed += differ
      const base = new Y.Array<number>()
      base.insert(0, values)
      row.set('base', base)
      const edits = row.get('edits')
      if (edits instanceof Y.Map) for (const key of [...edits.keys()]) edits.delete(key)
    }
  })
  return changed
}
