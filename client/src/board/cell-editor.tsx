import { useContext, useEffect, useRef, useState } from 'react'
import type { NumberCell, ProvideEditorComponent } from '@glideapps/glide-data-grid'
import { useTranslation } from 'react-i18next'
import type { TypeAhead } from '../presence/editing-context.js'
import { EditingContext } from '../presence/editing-context.js'
import { parseNumber } from './parse-number.js'

const MOVES = { enter: [0, 1], tab: [1, 0], shiftTab: [-1, 0], escape: [0, 0] } as const
const FINISH_KEYS: Record<string, NonNullable<TypeAhead['finish']>> = {
  Enter: 'enter',
  Tab: 'tab',
  Escape: 'escape',
}

/**
 * The in-cell editor for numbers: a plain text input, so a person types the way they would in
 * Excel. Enter commits and moves down, Tab moves right, Escape cancels; the editor commits the
 * text it shows, whatever the overlay last heard. Keys typed before the
 * input had focus (the grid still had it) are taken over, so fast typing loses nothing.
 * Unparseable text is passed on as NaN and refused with a message naming the cell.
 */
export const CellEditor: ProvideEditorComponent<NumberCell> = (props) => {
  const { value, initialValue } = props
  const { i18n } = useTranslation()
  const { setEditing, peekTypeAhead, endTypeAhead, attachEditor, watchUnderneath } =
    useContext(EditingContext)
  const [underneath, setUnderneath] = useState<string>()
  const input = useRef<HTMLInputElement>(null)
  const latestProps = useRef(props)
  latestProps.current = props
  const [text, setTextState] = useState(() =>
    initialValue !== undefined ? initialValue : value.data === undefined ? '' : String(value.data),
  )
  const latest = useRef(text)
  const cellFor = (typed: string): NumberCell => ({
    ...latestProps.current.value,
    data: parseNumber(typed, i18n.language) ?? 0,
    displayData: typed,
  })
  const type = (typed: string) => {
    latest.current = typed
    setTextState(typed)
    latestProps.current.onChange(cellFor(typed))
  }
  const detachRef = useRef<() => void>(() => {})
  const finish = (how: NonNullable<TypeAhead['finish']>, alreadyWritten = false) => {
    detachRef.current()
    const committed = how === 'escape' || alreadyWritten ? undefined : cellFor(latest.current)
    latestProps.current.onFinishedEditing(committed, MOVES[how])
  }

  useEffect(() => {
    setEditing(true)
    const ahead = initialValue === undefined ? undefined : peekTypeAhead()
    endTypeAhead()
    if (initialValue !== undefined) type(initialValue + (ahead?.text ?? ''))
    if (!ahead?.finish) {
      detachRef.current = attachEditor((key, shift) => {
        const how = FINISH_KEYS[key]
        if (how) finish(how === 'tab' && shift ? 'shiftTab' : how)
        else type(latest.current + key)
        input.current?.focus()
      })
    }
    const stopWatching = watchUnderneath(setUnderneath)
    const frame = requestAnimationFrame(() => input.current?.focus())
    if (ahead?.finish) finish(ahead.finish, ahead.committed)
    return () => {
      cancelAnimationFrame(frame)
      stopWatching()
      detachRef.current()
      setEditing(false)
    }
  }, [])

  return (
    <>
      <input
        ref={input}
        className="cell-editor"
        data-testid="cell-editor"
        autoFocus
        inputMode="decimal"
        value={text}
        onFocus={(event) => {
          const target = event.target
          requestAnimationFrame(() => {
            const end = target.value.length
            target.setSelectionRange(initialValue === undefined ? 0 : end, end)
          })
        }}
        onChange={(event) => type(event.target.value)}
        onKeyDown={(event) => {
          const how = FINISH_KEYS[event.key]
          if (!how || event.nativeEvent.isComposing) return
          event.preventDefault()
          event.stopPropagation()
          finish(how === 'tab' && event.shiftKey ? 'shiftTab' : how)
        }}
      />
      {underneath && (
        <div className="editor-underneath" role="alert" data-testid="editor-changed">
          {underneath}
        </div>
      )}
    </>
  )
}
