import { createContext } from 'react'

/** Keys typed while the cell editor was still opening, and the key that should close it. */
export interface TypeAhead {
  /** The cell being edited and the key that opened the editor. */
  cell: readonly [number, number]
  first: string
  /** Keys typed after the first. */
  text: string
  /** The grid already wrote the value (Enter or Tab came before the editor): the editor only closes. */
  committed?: boolean
  /** When the edit started opening: keys are kept for a short while only. */
  since: number
  finish?: 'enter' | 'tab' | 'shiftTab' | 'escape'
}

/** What the cell editor tells the grid (I am typing) and asks of it (keys typed ahead). */
export interface EditingBridge {
  setEditing: (editing: boolean) => void
  /** The keys typed ahead so far; the grid keeps adding to it until `endTypeAhead`. */
  peekTypeAhead: () => TypeAhead | undefined
  /** The editor has taken the keys typed ahead. */
  endTypeAhead: () => void
  /** The open editor takes keys that still reach the grid (focus not yet moved); returns its removal. */
  attachEditor: (editor: KeyTaker) => () => void
  /**
   * Calls `show` with a message whenever someone else writes the cell being edited, until the
   * returned function is called.
   */
  watchUnderneath: (show: (message: string) => void) => () => void
}

/** Something that takes a key press: a character, or Enter, Tab, Shift+Tab or Escape. */
export type KeyTaker = (key: string, shift: boolean) => void

export const EditingContext = createContext<EditingBridge>({
  setEditing: () => {},
  peekTypeAhead: () => undefined,
  endTypeAhead: () => {},
  attachEditor: () => () => {},
  watchUnderneath: () => () => {},
})
