import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, PlanModel, Role } from '@tandem/shared'
import type { OwnServerChange } from '../conflicts/conflict-tracker.js'
import type { Notify } from '../notices/use-notices.js'
import { exportUrl } from '../excel/excel-api.js'
import { UpdateFromFile } from '../excel/update-from-file.js'
import { ActivityFeed } from '../history/activity-feed.js'
import type { Formatters } from '../i18n/use-formatters.js'
import { CompareSummary } from './compare-summary.js'
import type { BoardVersions } from './use-board-versions.js'
import { VersionList } from './version-list.js'

type Tab = 'versions' | 'activity' | 'excel'
const TABS: Tab[] = ['versions', 'activity', 'excel']

interface VersionsPanelProps {
  planId: string
  role: Role
  meta: PlanMeta
  model: PlanModel
  board: BoardVersions
  format: Formatters
  nameOf: (userId: string) => string
  notify: Notify
  /** Restores and imports run through it: their writes are mine, not a colleague's. */
  ownChange: OwnServerChange
  onClose: () => void
}

/** The side panel: versions and comparisons, the activity feed, and Excel in and out. */
export function VersionsPanel(props: VersionsPanelProps) {
  const { planId, role, board, format, nameOf, notify } = props
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>('versions')
  return (
    <aside className="side-panel" data-testid="versions-panel" aria-label={t('versions.title')}>
      <div className="side-panel-tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`tab-${name}`}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {t(`versions.tabs.${name}`)}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="link-button" onClick={props.onClose}>
          {t('versions.close')}
        </button>
      </div>
      <CompareSummary board={board} format={format} />
      {tab === 'versions' && (
        <VersionList
          ownChange={props.ownChange}
          planId={planId}
          meta={props.meta}
          role={role}
          board={board}
          format={format}
          nameOf={nameOf}
          notify={notify}
        />
      )}
      {tab === 'activity' && (
        <ActivityFeed planId={planId} model={props.model} format={format} nameOf={nameOf} />
      )}
      {tab === 'excel' && (
        <div className="excel-tab">
          <h3>{t('versions.excel.export')}</h3>
          <p>
            <a
              className="button"
              href={exportUrl(planId, 'xlsx')}
              download
              data-testid="export-xlsx"
            >
              {t('versions.excel.exportXlsx')}
            </a>{' '}
            <a className="button" href={exportUrl(planId, 'csv')} download data-testid="export-csv">
              {t('versions.excel.exportCsv')}
            </a>
          </p>
          {role !== 'viewer' && (
            <>
              <h3>{t('versions.excel.update')}</h3>
              <UpdateFromFile
                planId={planId}
                meta={props.meta}
                format={format}
                notify={notify}
                ownChange={props.ownChange}
              />
            </>
          )}
        </div>
      )}
    </aside>
  )
}
