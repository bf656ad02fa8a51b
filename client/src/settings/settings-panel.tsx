import { useTranslation } from 'react-i18next'
import type { PlanDoc, PlanMeta, Role } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import { MasterDataList } from './master-data-list.js'
import { PlanSettingsForm } from './plan-settings-form.js'

/** The settings panel's two tabs. */
export type SettingsTab = 'settings' | 'masterData'
const TABS: SettingsTab[] = ['settings', 'masterData']

interface SettingsPanelProps {
  session: PlanSession
  plan: PlanDoc
  meta: PlanMeta
  role: Role
  format: Formatters
  notify: Notify
  tab: SettingsTab
  /** Open master data with the add-SKU form (the empty plan's button). */
  adding?: boolean
  onTab: (tab: SettingsTab) => void
  onClose: () => void
}

/** The side panel for plan settings and SKU master data: planners edit, others read. */
export function SettingsPanel(props: SettingsPanelProps) {
  const { session, plan, meta, role, format, notify, tab } = props
  const { t } = useTranslation()
  const settingsKey = JSON.stringify([
    meta.name,
    meta.frozenThrough,
    meta.status,
    meta.unit,
    meta.decimals,
  ])
  return (
    <aside className="side-panel" data-testid="settings-panel" aria-label={t('settings.title')}>
      <div className="side-panel-tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`tab-${name}`}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => props.onTab(name)}
          >
            {t(`${name}.title`)}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="link-button" onClick={props.onClose}>
          {t('settings.close')}
        </button>
      </div>
      {tab === 'settings' ? (
        <PlanSettingsForm
          key={settingsKey}
          session={session}
          meta={meta}
          role={role}
          format={format}
          notify={notify}
        />
      ) : (
        <MasterDataList
          session={session}
          plan={plan}
          meta={meta}
          role={role}
          format={format}
          notify={notify}
          adding={props.adding}
        />
      )}
    </aside>
  )
}
