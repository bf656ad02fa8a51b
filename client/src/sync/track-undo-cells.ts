import type * as Y from 'yjs'
import type { CellEdit, PlanDoc } from '@tandem/shared'
import { changedCells } from '@tandem/shared'

/** Keeps the cells each undo step wrote in its meta, so undo can check them before it runs. */
export function trackUndoCells(undo: Y.UndoManager, plan: PlanDoc): void {
  undo.on('stack-item-added', (event) => {
    const cells = changedCells(
      plan,
      [...event.changedParentTypes.values()].flatMap((events) =>
        events.map((e) => [e.target, (e as Y.YMapEvent<unknown>).keysChanged ?? []] as const),
      ),
    )
    event.stackItem.meta.set('cells', cells)
  })
}

/** The cells an undo step wrote, as `trackUndoCells` kept them. */
export function undoCells(item: { meta: Map<unknown, unknown> }): CellEdit[] {
  return (item.meta.get('cells') as CellEdit[] | undefined) ?? []
}
