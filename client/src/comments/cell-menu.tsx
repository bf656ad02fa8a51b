import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

/** Where the grid's context menu opened, and what it may offer there. */
export interface CellMenuRequest {
  x: number
  y: number
  canFlag: boolean
  inGap: boolean
  /** A new thread here (or the one already here), when the cell can carry comments. */
  onComment?: () => void
  onFlag: () => void
  /** Puts the cell's URL on the clipboard. */
  onCopyLink?: () => void
  /** The cell's value history (versions), when it is a value cell. */
  onHistory?: () => void
  /** Says in words why the cell is coloured, when it shows a gap. */
  onExplain?: () => void
}

/** The grid's context menu: comment on this cell, flag this gap. */
export function CellMenu({ request, onClose }: { request: CellMenuRequest; onClose: () => void }) {
  const { t } = useTranslation()
  const menu = useRef<HTMLDivElement>(null)
  useEffect(() => {
    menu.current?.querySelector('button')?.focus()
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose()
    }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [onClose])
  const run = (action: () => void) => () => {
    onClose()
    action()
  }
  return (
    <div
      ref={menu}
      className="cell-menu"
      role="menu"
      data-testid="cell-menu"
      style={{ left: request.x, top: request.y }}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      {request.onComment && (
        <button
          type="button"
          role="menuitem"
          data-testid="menu-comment"
          onClick={run(request.onComment)}
        >
          {t('comments.addComment')}
        </button>
      )}
      {request.canFlag && (
        <button type="button" role="menuitem" data-testid="menu-flag" onClick={run(request.onFlag)}>
          {request.inGap ? t('flags.flagGap') : t('flags.flagCell')}
        </button>
      )}
      {request.onExplain && (
        <button
          type="button"
          role="menuitem"
          data-testid="menu-explain"
          onClick={run(request.onExplain)}
        >
          {t('gap.explain')}
        </button>
      )}
      {request.onHistory && (
        <button
          type="button"
          role="menuitem"
          data-testid="menu-history"
          onClick={run(request.onHistory)}
        >
          {t('versions.history.menu')}
        </button>
      )}
      {request.onCopyLink && (
        <button
          type="button"
          role="menuitem"
          data-testid="menu-copy-link"
          onClick={run(request.onCopyLink)}
        >
          {t('links.copyCell')}
        </button>
      )}
    </div>
  )
}
