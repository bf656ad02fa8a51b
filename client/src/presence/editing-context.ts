import { createContext } from 'react'

/** Keys typed while the cell editor was still opening, and the key that should close it. */
export interface TypeAhead {
  text: string
  /** When the edit started opening: keys are kept for a short while only. */
  since: number
  finish?: 'enter' | 'tab' | 'shiftTab' | 'escape'
}

/** What the cell editor tells the grid (I am typing) and asks of it (keys typed ahead). */
export interface EditingBridge {
  setEditing: (editing: boolean) => void
  /** The keys typed ahead so far; the grid keeps adding to it until `endTypeAhead`. */
  peekTypeAhead: () => TypeAhead | undefined
  /** The editor has focus: keys reach it directly from now on. */
  endTypeAhead: () => void
}

export const EditingContext = createContext<EditingBridge>({
  setEditing: () => {},
  peekTypeAhead: () => undefined,
  endTypeAhead: () => {},
})
