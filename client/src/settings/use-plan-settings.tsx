import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, Role } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import { describeChangeViolation } from './describe-change-violation.js'
import { changeSettings } from './plan-changes.js'
import type { PeriodMenuRequest } from './period-menu.js'
import { PeriodMenu } from './period-menu.js'
import type { SettingsTab } from './settings-panel.js'
import { SettingsPanel } from './settings-panel.js'

interface PlanSettingsOptions {
  session: PlanSession
  live: PlanLive
  meta: PlanMeta
  role: Role
  format: Formatters
  notify: Notify
  /** The plan has no active SKU: the board says so and offers to add one. */
  empty: boolean
}

/**
 * What the board needs for plan settings and master data: the toolbar button, the period
 * header menu handler (planners only), and what is drawn over the board (panel, menu, hint).
 */
export function usePlanSettings(options: PlanSettingsOptions) {
  const { session, live, meta, role, format, notify } = options
  const { t } = useTranslation()
  const [tab, setTab] = useState<SettingsTab>()
  const [adding, setAdding] = useState(false)
  const [periodMenu, setPeriodMenu] = useState<PeriodMenuRequest>()
  const closeMenu = useCallback(() => setPeriodMenu(undefined), [])
  const openPeriodMenu = useCallback(
    (period: number, x: number, y: number) =>
      setPeriodMenu({
        period,
        x,
        y,
        label: format.period(meta.periodKind, meta.firstPeriod, period),
      }),
    [format, meta.periodKind, meta.firstPeriod],
  )
  const freeze = (frozenThrough: number) => {
    const violation = changeSettings(session, { frozenThrough })
    if (violation) return notify(describeChangeViolation({ t, format, meta }, violation), 'error')
    notify(
      frozenThrough < 0
        ? t('settings.unfrozen')
        : t('settings.frozenNotice', {
            period: format.period(meta.periodKind, meta.firstPeriod, frozenThrough),
          }),
      'info',
    )
  }
  const button = (
    <button
      type="button"
      className="button"
      aria-pressed={tab !== undefined}
      data-testid="settings-button"
      onClick={() => setTab((open) => (open ? undefined : 'settings'))}
    >
      {t('settings.button')}
    </button>
  )
  const overlays = (
    <>
      {options.empty && (
        <div className="empty-plan" data-testid="empty-plan">
          <p>{t('masterData.emptyPlan')}</p>
          {role === 'planner' && (
            <button
              type="button"
              className="button primary"
              data-testid="empty-plan-add"
              onClick={() => {
                setAdding(true)
                setTab('masterData')
              }}
            >
              {t('masterData.addButton')}
            </button>
          )}
        </div>
      )}
      {tab && (
        <SettingsPanel
          session={session}
          plan={live.plan}
          meta={meta}
          role={role}
          format={format}
          notify={notify}
          tab={tab}
          adding={adding}
          onTab={setTab}
          onClose={() => {
            setAdding(false)
            setTab(undefined)
          }}
        />
      )}
      {periodMenu && (
        <PeriodMenu
          request={periodMenu}
          frozenThrough={meta.frozenThrough}
          onFreeze={freeze}
          onClose={closeMenu}
        />
      )}
    </>
  )
  return { button, overlays, onPeriodMenu: role === 'planner' ? openPeriodMenu : undefined }
}
