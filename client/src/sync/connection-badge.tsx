import { useTranslation } from 'react-i18next'
import type { ConnectionStatus } from './connection-status.js'

interface ConnectionBadgeProps {
  status: ConnectionStatus
  unsaved: number
}

/**
 * Connection state and save state, announced to screen readers. "All changes saved" shows only
 * when online and the server's `saved` has covered every local edit.
 */
export function ConnectionBadge({ status, unsaved }: ConnectionBadgeProps) {
  const { t } = useTranslation()
  const saved =
    unsaved === 0
      ? status === 'online'
        ? t('status.saved')
        : ''
      : status === 'online'
        ? t('status.saving', { count: unsaved })
        : t('status.keptOffline', { count: unsaved })
  return (
    <div className="connection" role="status" aria-live="polite" data-testid="connection">
      <span className={`connection-dot ${status}`} />
      <span data-testid="connection-status" data-status={status}>
        {t(`status.${status}`)}
      </span>
      {saved && (
        <span className="save-state" data-testid="save-state" data-unsaved={unsaved}>
          {saved}
        </span>
      )}
    </div>
  )
}
