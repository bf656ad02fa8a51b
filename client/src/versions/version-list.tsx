import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, Role } from '@tandem/shared'
import { MinutesView } from '../meeting/minutes-view.js'
import type { OwnServerChange } from '../conflicts/conflict-tracker.js'
import type { Notify } from '../notices/use-notices.js'
import type { Formatters } from '../i18n/use-formatters.js'
import { PublishForm } from './publish-form.js'
import type { BoardVersions } from './use-board-versions.js'
import { VersionActions } from './version-actions.js'
import type { PlanVersion } from '@tandem/shared'
import { listVersions } from './versions-api.js'
import { CopyLinkButton } from '../navigation/copy-link-button.js'

interface VersionListProps {
  planId: string
  meta: PlanMeta
  role: Role
  board: BoardVersions
  format: Formatters
  nameOf: (userId: string) => string
  notify: Notify
  ownChange: OwnServerChange
}

/** The plan's published versions, newest first, with publishing for planners. */
export function VersionList(props: VersionListProps) {
  const { planId, role, board, format, nameOf, notify } = props
  const { t } = useTranslation()
  const [versions, setVersions] = useState<PlanVersion[]>()
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    listVersions(planId).then(
      (list) => setVersions([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))),
      (failure: Error) => setError(failure.message),
    )
  }, [planId])
  useEffect(load, [load])
  return (
    <div className="version-list">
      {role === 'planner' && <PublishForm planId={planId} onPublished={load} />}
      {error && (
        <p className="error" role="alert">
          {t('versions.failed', { message: error })}
        </p>
      )}
      {versions && versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ul className="versions" data-testid="versions">
        {versions?.map((version) => (
          <li key={version.id} data-testid={`version-${version.id}`} data-name={version.name}>
            <strong>{version.name}</strong>
            <span className="muted">
              {t('versions.byline', {
                author: nameOf(version.author),
                at: format.dateTime(version.createdAt),
              })}
            </span>
            {version.note && <p className="version-note">{version.note}</p>}
            {version.minutes && (
              <MinutesView
                minutes={version.minutes}
                meta={props.meta}
                format={format}
                nameOf={nameOf}
              />
            )}
            <CopyLinkButton link={{ kind: 'version', id: version.id }} />
            <VersionActions
              planId={planId}
              version={version}
              versions={versions}
              role={role}
              board={board}
              format={format}
              notify={notify}
              ownChange={props.ownChange}
            />
          </li>
        ))}
      </ul>
    </div>
  )
}
