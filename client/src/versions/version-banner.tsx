import { useTranslation } from 'react-i18next'
import type { Formatters } from '../i18n/use-formatters.js'
import type { BoardVersions } from './use-board-versions.js'

/** Says that a version is shown read-only instead of the live plan, with the way back. */
export function VersionBanner({ board, format }: { board: BoardVersions; format: Formatters }) {
  const { t } = useTranslation()
  const opened = board.opened
  if (!opened) return null
  return (
    <div className="following-banner version-banner" data-testid="version-banner">
      {t('versions.viewing', {
        name: opened.version.name,
        at: format.dateTime(opened.version.createdAt),
      })}{' '}
      <button type="button" className="link-button" onClick={() => void board.open(undefined)}>
        {t('versions.backToLive')}
      </button>
    </div>
  )
}
