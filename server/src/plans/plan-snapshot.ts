import * as Y from 'yjs'
import type { PlanInput } from '@tandem/shared'
import { createPlanDoc } from '@tandem/shared'
import type { PlanRecord } from '../store/plan-log.js'

/** Builds a plan document from its input and encodes it as the plan's first snapshot. */
export function planSnapshot(
  id: string,
  input: PlanInput,
  now = new Date(),
): { record: PlanRecord; snapshot: Uint8Array } {
  const plan = createPlanDoc(input, new Y.Doc())
  const snapshot = Y.encodeStateAsUpdate(plan.doc)
  plan.doc.destroy()
  return {
    record: {
      id,
      name: input.meta.name,
      periodKind: input.meta.periodKind,
      firstPeriod: input.meta.firstPeriod,
      periodCount: input.meta.periodCount,
      skuCount: input.items.length,
      createdAt: now.toISOString(),
    },
    snapshot,
  }
}
