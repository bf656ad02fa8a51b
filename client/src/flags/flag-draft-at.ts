import type { CommentAnchor, FlagKind, GapKind, PlanModel } from '@tandem/shared'
import type { FlagDraft } from '../plan-view/discussion-pane.js'

const KIND_OF_GAP: Record<GapKind, FlagKind> = {
  shortage: 'shortage',
  belowSafetyStock: 'shortage',
  excess: 'excess',
  overCapacity: 'capacity',
}

/**
 * A flag prefilled for a cell: the gap it lies in (kind, all its cells, suggested severity), or
 * a data question about the cell itself when it is in no gap.
 */
export function flagDraftAt(model: PlanModel, anchor: CommentAnchor, threadId = ''): FlagDraft {
  const period = anchor.period ?? 0
  const gaps =
    anchor.measure === 'capacity' ? model.resource(anchor.key)?.gaps : model.sku(anchor.key)?.gaps
  const gap = (gaps ?? []).find((g) => period >= g.firstPeriod && period <= g.lastPeriod)
  if (gap) {
    return { kind: KIND_OF_GAP[gap.kind], severity: gap.severity, cells: gap.cells, threadId }
  }
  return {
    kind: 'dataQuestion',
    severity: 'medium',
    cells: [{ measure: anchor.measure, key: anchor.key, period }],
    threadId,
  }
}
