import { useEffect } from 'react'
import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'

interface SearchBoxProps {
  query: string
  onQuery: (query: string) => void
  /** Index of the match the board is on, or -1. */
  current: number
  count: number
  onStep: (back: boolean) => void
  /** Escape: back to the grid. */
  onLeave: () => void
  input: RefObject<HTMLInputElement | null>
}

/**
 * Finds SKUs by id or name as the person types; Enter and Shift+Enter go to the next and
 * previous match, Ctrl+F (anywhere on the board) comes here.
 */
export function SearchBox({
  query,
  onQuery,
  current,
  count,
  onStep,
  onLeave,
  input,
}: SearchBoxProps) {
  const { t } = useTranslation()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault()
        input.current?.focus()
        input.current?.select()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [input])
  const status =
    query.trim() === ''
      ? ''
      : count === 0
        ? t('search.none')
        : t('search.position', { current: current + 1, count })
  return (
    <div className="search-box" role="search">
      <input
        ref={input}
        type="search"
        className="search-input"
        data-testid="search-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            onStep(event.shiftKey)
          } else if (event.key === 'Escape') {
            event.preventDefault()
            onLeave()
          }
        }}
      />
      <span className="search-count muted" data-testid="search-count" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        className="button small"
        disabled={count === 0}
        title={t('search.previous')}
        aria-label={t('search.previous')}
        onClick={() => onStep(true)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button small"
        disabled={count === 0}
        title={t('search.next')}
        aria-label={t('search.next')}
        data-testid="search-next"
        onClick={() => onStep(false)}
      >
        ↓
      </button>
    </div>
  )
}
