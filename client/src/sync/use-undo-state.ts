import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** Whether there is something to undo and to redo, kept current. */
export function useUndoState(undo: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const read = () => ({ canUndo: undo.undoStack.length > 0, canRedo: undo.redoStack.length > 0 })
  const [state, setState] = useState(read)
  useEffect(() => {
    const update = () =>
      setState({ canUndo: undo.undoStack.length > 0, canRedo: undo.redoStack.length > 0 })
    update()
    undo.on('stack-item-added', update)
    undo.on('stack-item-popped', update)
    undo.on('stack-cleared', update)
    return () => {
      undo.off('stack-item-added', update)
      undo.off('stack-item-popped', update)
      undo.off('stack-cleared', update)
    }
  }, [undo])
  return state
}
