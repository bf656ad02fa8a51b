import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

/** Where a period header's menu opened, and for which period. */
export interface PeriodMenuRequest {
  period: number
  label: string
  x: number
  y: number
}

interface PeriodMenuProps {
  request: PeriodMenuRequest
  /** The plan's frozen-through index now (-1: none frozen). */
  frozenThrough: number
  onFreeze: (frozenThrough: number) => void
  onClose: () => void
}

/** A period header's menu for planners: freeze through here, or unfreeze every period. */
export function PeriodMenu({ request, frozenThrough, onFreeze, onClose }: PeriodMenuProps) {
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
  const run = (value: number) => () => {
    onClose()
    onFreeze(value)
  }
  return (
    <div
      ref={menu}
      className="cell-menu"
      role="menu"
      data-testid="period-menu"
      style={{ left: request.x, top: request.y }}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      {request.period !== frozenThrough && (
        <button
          type="button"
          role="menuitem"
          data-testid="freeze-here"
          onClick={run(request.period)}
        >
          {t('settings.freezeHere', { period: request.label })}
        </button>
      )}
      {frozenThrough >= 0 && (
        <button type="button" role="menuitem" data-testid="unfreeze-all" onClick={run(-1)}>
          {t('settings.unfreezeAll')}
        </button>
      )}
    </div>
  )
}
