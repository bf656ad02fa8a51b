import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardLink } from './board-link.js'
import { copyBoardLink } from './copy-board-link.js'

/** Puts the URL of a place on the board on the clipboard, and says so for a moment. */
export function CopyLinkButton({
  link,
  className = 'link-button',
}: {
  link: BoardLink
  className?: string
}) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2_000)
    return () => clearTimeout(timer)
  }, [state])
  return (
    <button
      type="button"
      className={className}
      data-testid="copy-link"
      data-state={state}
      onClick={() =>
        copyBoardLink(link).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied'
        ? t('links.copied')
        : state === 'failed'
          ? t('links.failed')
          : t('links.copy')}
    </button>
  )
}
