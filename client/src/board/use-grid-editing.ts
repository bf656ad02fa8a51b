import { useCallback, useMemo, useRef } from 'react'
import type {
  EditListItem,
  GridKeyEventArgs,
  GridSelection,
  Item,
} from '@glideapps/glide-data-grid'
import { GridCellKind } from '@glideapps/glide-data-grid'
import type { PastedCell } from '@tandem/shared'
import { planPaste } from '@tandem/shared'
import type { EditingBridge, KeyTaker, TypeAhead } from '../presence/editing-context.js'
import { publishPresence } from '../presence/publish-presence.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import type { BoardView } from '../plan-view/board-view.js'
import { cellTarget } from './cell-target.js'
import { EMPTY_SELECTION } from '../plan-view/grid-selection.js'
import { parseNumber } from './parse-number.js'
import type { GridWrite } from './plan-writes.js'
import { describeEditViolation } from '../plan-view/describe-edit-violation.js'
import { planWrites } from './plan-writes.js'
import { readOnlyReason } from './read-only-reason.js'
import { bufferTypeAhead } from './type-ahead.js'
import { pasteMessage } from './paste-message.js'
import { pasteTargetAt } from './paste-target-at.js'
import type { Notify } from '../notices/use-notices.js'
import type { ConflictTracker } from '../conflicts/conflict-tracker.js'
import { writerName } from '../conflicts/use-conflict-notices.js'
import { deletionWrites } from './deletion-writes.js'

interface GridEditingOptions {
  view: BoardView
  session: PlanSession
  live: PlanLive
  notify: Notify
  columnCount: number
  selection: GridSelection
  setSelection: (selection: GridSelection) => void
  conflicts?: ConflictTracker
}

/**
 * The grid's editing handlers: single and batch edits (fill; Delete clears overrides back to
 * their base values, Shift+Delete writes 0), paste, undo and redo, read-only explanations, and
 * keys typed while the cell editor is still opening. Every write is
 * checked against the plan's rules first and lands as one transaction.
 */
export function useGridEditing(options: GridEditingOptions) {
  const { view, session, live, notify, columnCount, selection, setSelection } = options
  const watched = useRef({ view, selection, conflicts: options.conflicts })
  const editorOpen = useRef(false)
  watched.current = { view, selection, conflicts: options.conflicts }
  const awareness = live.provider.awareness

  const apply = useCallback(
    (
      writes: GridWrite[],
      success?: string,
      refusal = (why: string) => why,
      batch: 'fill' | 'grid' = writes.length > 1 ? 'fill' : 'grid',
    ): boolean => {
      const planned = planWrites(view, writes)
      if (!planned.ok) {
        notify(refusal(planned.message), 'error')
        return false
      }
      const source = planned.spreads.length > 0 ? 'spread' : batch
      const violation = session.applyEdits(planned.edits, source)
      if (violation) {
        notify(refusal(describeEditViolation(view, violation, planned.edits)), 'error')
        return false
      }
      for (const spread of planned.spreads) notify(spread, 'info')
      if (success) notify(success, 'info')
      return true
    },
    [view, session, notify],
  )

  const onCellsEdited = useCallback(
    (items: readonly EditListItem[]) => {
      const writes = items.map(({ location, value }): GridWrite => {
        if (value.kind !== GridCellKind.Number)
          return { location, value: Number.NaN, text: String(value.data) }
        return { location, value: value.data, text: value.displayData }
      })
      // Without an open editor the grid edits cells only by filling (Ctrl+D, Ctrl+R, the handle).
      apply(writes, undefined, undefined, editorOpen.current ? 'grid' : 'fill')
      return true
    },
    [apply],
  )

  const onPaste = useCallback(
    (target: Item, values: readonly (readonly string[])[]) => {
      if (view.axis.rolled) {
        notify(view.t('edit.pasteRolled'), 'error')
        return false
      }
      const [col, row] = target
      const cells: PastedCell[] = []
      for (let r = 0; r < values.length; r++) {
        for (let c = 0; c < values[r].length; c++) {
          const location: Item = [col + c, row + r]
          if (location[0] >= columnCount || location[1] >= view.layout.rows.length) {
            notify(view.t('edit.pasteTooBig'), 'error')
            return false
          }
          const text = values[r][c]
          cells.push({
            target: pasteTargetAt(view, location),
            text,
            value: parseNumber(text, view.format.locale),
          })
        }
      }
      const plan = planPaste(cells, {
        meta: view.meta,
        role: view.role,
        read: (measure, key, period) => view.plan.readCell(measure, key, period),
        skusOf: (family) => view.model.family(family)?.skus ?? [],
      })
      if (plan.edits.length > 0) {
        const violation = session.applyEdits(plan.edits, 'paste')
        if (violation) {
          const why = describeEditViolation(view, violation, plan.edits)
          notify(view.t('edit.pasteRejected', { why }), 'error')
          return false
        }
      }
      notify(pasteMessage(view, plan), plan.changed > 0 ? 'info' : 'error')
      const width = Math.max(...values.map((v) => v.length))
      setSelection({
        ...EMPTY_SELECTION,
        current: {
          cell: target,
          range: { x: col, y: row, width, height: values.length },
          rangeStack: [],
        },
      })
      return false
    },
    [columnCount, notify, session, setSelection, view],
  )

  const explainReadOnly = useCallback(
    (location: Item) => {
      const reason = readOnlyReason(view, cellTarget(view, location))
      if (reason) notify(reason, 'error')
      return reason !== undefined
    },
    [view, notify],
  )

  const onKeyDown = useCallback(
    (event: GridKeyEventArgs) => {
      const commitTypedAhead = ({ cell, first, text }: TypeAhead) => {
        const typed = first + text
        const value = parseNumber(typed, view.format.locale) ?? 0
        apply([{ location: [cell[0], cell[1]], value, text: typed }])
      }
      if (bufferTypeAhead(typeAhead.current, event, commitTypedAhead)) return
      const editor = openEditor.current
      if (editor && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (event.key.length === 1 || ['Enter', 'Tab', 'Escape'].includes(event.key)) {
          event.cancel()
          event.preventDefault()
          editor(event.key, event.shiftKey)
        }
        return
      }
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      if (mod && (key === 'z' || key === 'y')) {
        event.cancel()
        event.preventDefault()
        const redo = key === 'y' || event.shiftKey
        const stack = redo ? live.undo.redoStack : live.undo.undoStack
        if (stack.length === 0) {
          notify(view.t(redo ? 'edit.nothingToRedo' : 'edit.nothingToUndo'), 'info')
          return
        }
        const violation = redo ? session.redo() : session.undo()
        if (violation) notify(describeEditViolation(view, violation, []), 'error')
        return
      }
      const cell = selection.current?.cell
      if (cell && !mod && !event.altKey && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.cancel()
        event.preventDefault()
        const range = selection.current?.range ?? { x: cell[0], y: cell[1], width: 1, height: 1 }
        const writes = deletionWrites(view, range, event.shiftKey ? 'zero' : 'clear')
        if (writes.length === 0) explainReadOnly(cell)
        else {
          const done = event.shiftKey
            ? view.t('edit.zeroed', { count: writes.length })
            : view.t('edit.cleared', { count: writes.length })
          apply(writes, done)
        }
        return
      }
      if (!cell || mod || event.altKey) return
      const typing = event.key.length === 1 || event.key === 'Delete' || event.key === 'Backspace'
      if (!typing) return
      if (readOnlyReason(view, cellTarget(view, cell))) explainReadOnly(cell)
      else if (event.key.length === 1) {
        typeAhead.current = { cell, first: event.key, text: '', since: performance.now() }
      }
    },
    [apply, explainReadOnly, live.undo, notify, selection, session, view],
  )

  const typeAhead = useRef<TypeAhead | undefined>(undefined)
  const openEditor = useRef<KeyTaker | undefined>(undefined)
  const editing = useMemo<EditingBridge>(
    () => ({
      setEditing: (on) => {
        editorOpen.current = on
        publishPresence(awareness, 'editing', on)
      },
      peekTypeAhead: () => typeAhead.current,
      endTypeAhead: () => {
        typeAhead.current = undefined
      },
      attachEditor: (editor) => {
        openEditor.current = editor
        return () => {
          if (openEditor.current === editor) openEditor.current = undefined
        }
      },
      watchUnderneath: (show) => {
        const { view: current, selection: selected, conflicts } = watched.current
        const cell = selected.current?.cell
        const target = cell && cellTarget(current, cell)
        if (!conflicts || target?.kind !== 'cell') return () => {}
        return conflicts.onRemoteWrite((write) => {
          const { measure, key, period } = write.cell
          if (measure !== target.measure || key !== target.key || period !== target.period) return
          const who = writerName(live, write.client) ?? current.t('conflict.someone')
          show(
            current.t('conflict.changedUnderneath', {
              who,
              value: current.format.number(write.value),
            }),
          )
        })
      },
    }),
    [awareness, live],
  )

  return { onCellsEdited, onPaste, onKeyDown, explainReadOnly, editing }
}
