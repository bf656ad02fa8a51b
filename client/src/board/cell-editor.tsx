import { useContext, useEffect, useRef, useState } from 'react'
import type { NumberCell, ProvideEditorComponent } from '@glideapps/glide-data-grid'
import { useTranslation } from 'react-i18next'
import { EditingContext } from '../presence/editing-context.js'
import { parseNumber } from './parse-number.js'

const MOVES = { enter: [0, 1], tab: [1, 0], shiftTab: [-1, 0], escape: [0, 0] } as const

/**
 * The in-cell editor for numbers: a plain text input, so a person types the way they would in
 * Excel. Enter commits and moves down, Tab moves right, Escape cancels (the grid's overlay
 * handles those keys). Keys typed before the input had focus are taken over from the grid, so
 * fast typing is not lost. Unparseable text is passed on as NaN and refused with a message.
 */
export const CellEditor: ProvideEditorComponent<NumberCell> = ({
  value,
  onChange,
  onFinishedEditing,
  initialValue,
}) => {
  const { i18n } = useTranslation()
  const { setEditing, peekTypeAhead, endTypeAhead } = useContext(EditingContext)
  const input = useRef<HTMLInputElement>(null)
  const [text, setTextState] = useState(() =>
    initialValue !== undefined ? initialValue : value.data === undefined ? '' : String(value.data),
  )
  const latest = useRef(text)
  const setText = (typed: string) => {
    latest.current = typed
    setTextState(typed)
  }
  const cellFor = (typed: string): NumberCell => ({
    ...value,
    data: parseNumber(typed, i18n.language) ?? 0,
    displayData: typed,
  })
  const takeOver = () => {
    const ahead = initialValue === undefined ? undefined : peekTypeAhead()
    endTypeAhead()
    if (!ahead) return
    const typed = initialValue + ahead.text
    setText(typed)
    onChange(cellFor(typed))
    if (ahead.finish) {
      onFinishedEditing(ahead.finish === 'escape' ? undefined : cellFor(typed), MOVES[ahead.finish])
    }
  }
  useEffect(() => {
    setEditing(true)
    if (initialValue !== undefined) onChange(cellFor(latest.current))
    const frame = requestAnimationFrame(() => input.current?.focus())
    return () => {
      cancelAnimationFrame(frame)
      setEditing(false)
    }
  }, [])
  return (
    <input
      ref={input}
      className="cell-editor"
      data-testid="cell-editor"
      autoFocus
      inputMode="decimal"
      value={text}
      onFocus={(event) => {
        takeOver()
        const target = event.target
        const end = target.value.length
        requestAnimationFrame(() => target.setSelectionRange(initialValue === undefined ? 0 : end, end))
      }}
      onChange={(event) => {
        setText(event.target.value)
        onChange(cellFor(event.target.value))
      }}
    />
  )
}
