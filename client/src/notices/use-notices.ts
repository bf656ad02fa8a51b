import { useCallback, useRef, useState } from 'react'

/** A button on a notice: what it says, a test id, and what it does (the notice then closes). */
export interface NoticeAction {
  label: string
  testId: string
  run: () => void
}

/** A message for the person: an error that explains a refusal, or information. */
export interface Notice {
  id: number
  message: string
  tone: 'error' | 'info' | 'conflict'
  actions?: NoticeAction[]
}

export type Notify = (
  message: string,
  tone: 'error' | 'info' | 'conflict',
  actions?: NoticeAction[],
) => void

const SHOWN_FOR_MS = 8_000
/** A notice that asks for a decision stays longer, and is never pushed out by plain ones. */
const DECISION_SHOWN_FOR_MS = 60_000

/** The few latest notices; each fades after a while. */
export function useNotices(): { notices: Notice[]; notify: Notify; dismiss: (id: number) => void } {
  const [notices, setNotices] = useState<Notice[]>([])
  const next = useRef(1)
  const dismiss = useCallback(
    (id: number) => setNotices((all) => all.filter((n) => n.id !== id)),
    [],
  )
  const notify = useCallback<Notify>(
    (message, tone, actions) => {
      const id = next.current++
      setNotices((all) => {
        const others = all.filter((n) => n.message !== message)
        const decisions = others.filter((n) => n.actions)
        const plain = others.filter((n) => !n.actions)
        const added = { id, message, tone, actions }
        return actions
          ? [...plain.slice(-2), ...decisions.slice(-2), added]
          : [...decisions.slice(-3), ...plain.slice(-2), added]
      })
      setTimeout(() => dismiss(id), actions ? DECISION_SHOWN_FOR_MS : SHOWN_FOR_MS)
    },
    [dismiss],
  )
  return { notices, notify, dismiss }
}
