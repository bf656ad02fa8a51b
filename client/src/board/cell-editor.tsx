import { useContext, useEffect, useState } from 'react'
import type { NumberCell, ProvideEditorComponent } from '@glideapps/glide-data-grid'
import { useTranslation } from 'react-i18next'
import { EditingContext } from '../presence/editing-context.js'
import { parseNumber } from './parse-number.js'

/**
 * The in-cell editor for numbers: a plain text input, so a person types the way they would in
 * Excel. Enter commits and moves down, Tab moves right, Escape cancels (the grid's overlay
 * handles those keys). Unparseable text is passed on as NaN and refused with a message.
 */
export const CellEditor: ProvideEditorComponent<NumberCell> = ({ value, onChange, initialValue }) => {
  const { i18n } = useTranslation()
  const setEditing = useContext(EditingContext)
  const [text, setText] = useState(() => initialValue ?? (value.data === undefined ? '' : String(value.data)))
  useEffect(() => {
    setEditing(true)
    return () => setEditing(false)
  }, [setEditing])
  useEffect(() => {
    if (initialValue === undefined) return
    onChange({ ...value, data: parseNumber(initialValue, i18n.language) ?? 0, displayData: initialValue })
  }, [initialValue])
  return (
    <input
      className="cell-editor"
      data-testid="cell-editor"
      autoFocus
      inputMode="decimal"
      value={text}
      onFocus={(event) => {
        const end = event.target.value.length
        event.target.setSelectionRange(initialValue === undefined ? 0 : end, end)
      }}
      onChange={(event) => {
        setText(event.target.value)
        const parsed = parseNumber(event.target.value, i18n.language)
        onChange({ ...value, data: parsed ?? 0, displayData: event.target.value })
      }}
    />
  )
}
