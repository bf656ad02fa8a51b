import type { GridKeyEventArgs } from '@glideapps/glide-data-grid'
import type { TypeAhead } from '../presence/editing-context.js'

const OPENING_MS = 1_500

/**
 * While the cell editor is opening (the grid loads it lazily the first time), keys still reach
 * the grid, which would restart the edit with each one. Such keys are kept for the editor
 * instead; true when the key was kept. Enter or Tab typed ahead commits at once, so the value
 * is written even if the person moves on before the editor appears.
 */
export function bufferTypeAhead(
  pending: TypeAhead | undefined,
  event: GridKeyEventArgs,
  commit: (pending: TypeAhead) => void,
): boolean {
  if (!pending || pending.finish || event.ctrlKey || event.metaKey || event.altKey) return false
  if (performance.now() - pending.since > OPENING_MS) return false
  if (event.key.length === 1) pending.text += event.key
  else if (event.key === 'Enter') pending.finish = 'enter'
  else if (event.key === 'Tab') pending.finish = event.shiftKey ? 'shiftTab' : 'tab'
  else if (event.key === 'Escape') pending.finish = 'escape'
  else return false
  if (pending.finish && pending.finish !== 'escape') {
    commit(pending)
    pending.committed = true
  }
  event.cancel()
  event.preventDefault()
  event.stopPropagation()
  return true
}
