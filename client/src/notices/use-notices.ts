import { useCallback, useRef, useState } from 'react'

/** A message for the person: an error that explains a refusal, or information. */
export interface Notice {
  id: number
  message: string
  tone: 'error' | 'info'
}

export type Notify = (message: string, tone: 'error' | 'info') => void

const SHOWN_FOR_MS = 8_000

/** The few latest notices; each fades after a while. */
export function useNotices(): { notices: Notice[]; notify: Notify; dismiss: (id: number) => void } {
  const [notices, setNotices] = useState<Notice[]>([])
  const next = useRef(1)
  const dismiss = useCallback(
    (id: number) => setNotices((all) => all.filter((n) => n.id !== id)),
    [],
  )
  const notify = useCallback<Notify>(
    (message, tone) => {
      const id = next.current++
      setNotices((all) =>
        [...all.filter((n) => n.message !== message), { id, message, tone }].slice(-3),
      )
      setTimeout(() => dismiss(id), SHOWN_FOR_MS)
    },
    [dismiss],
  )
  return { notices, notify, dismiss }
}
