import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import { navigate } from '../navigation/navigation.js'
import { exportUrl } from '../excel/excel-api.js'
import type { OwnServerChange } from '../conflicts/conflict-tracker.js'
import type { Notify } from '../notices/use-notices.js'
import type { Formatters } from '../i18n/use-formatters.js'
import type { BoardVersions } from './use-board-versions.js'
import type { PlanVersion } from '@tandem/shared'
import { restoreVersion, rollForward } from './versions-api.js'

interface VersionActionsProps {
  planId: string
  version: PlanVersion
  versions: PlanVersion[]
  role: Role
  board: BoardVersions
  format: Formatters
  notify: Notify
  ownChange: OwnServerChange
}

/** Open, compare, export, and for planners restore and roll forward one version. */
export function VersionActions(props: VersionActionsProps) {
  const { planId, version, versions, role, board, format, notify, ownChange } = props
  const { t } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  const [rolling, setRolling] = useState(false)
  const [periods, setPeriods] = useState(1)
  const [name, setName] = useState('')
  const others = versions.filter((v) => v.id !== version.id)
  const restore = () => {
    setConfirming(false)
    ownChange(() => restoreVersion(planId, version.id)).then(
      (result) =>
        notify(
          t('versions.restore.done', {
            count: result.restoredCells,
            restored: format.number(result.restoredCells),
            skipped: format.number(result.skippedFrozen),
          }),
          'info',
        ),
      (failure: Error) => notify(t('versions.failed', { message: failure.message }), 'error'),
    )
  }
  const openVersion = () => {
    board
      .open(version)
      .catch((failure: Error) =>
        notify(t('versions.failed', { message: failure.message }), 'error'),
      )
  }
  const roll = (event: React.FormEvent) => {
    event.preventDefault()
    const planName = name.trim() || t('versions.rollForward.defaultName', { name: version.name })
    rollForward(planId, version.id, periods, planName).then(
      (plan) => navigate(`/plans/${encodeURIComponent(plan.id)}`),
      (failure: Error) => notify(t('versions.failed', { message: failure.message }), 'error'),
    )
  }
  return (
    <div className="version-actions">
      <button type="button" className="link-button" onClick={openVersion}>
        {t('versions.open')}
      </button>
      <button
        type="button"
        className="link-button"
        data-testid={`compare-${version.id}`}
        onClick={() => board.compare({ from: version, to: undefined })}
      >
        {t('versions.compareLive')}
      </button>
      {others.length > 0 && (
        <select
          aria-label={t('versions.compareWith')}
          value=""
          onChange={(event) => {
            const to = others.find((v) => v.id === event.target.value)
            if (to) board.compare({ from: version, to })
          }}
        >
          <option value="">{t('versions.compareWith')}</option>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      )}
      <a className="link-button" href={exportUrl(planId, 'xlsx', version.id)} download>
        XLSX
      </a>
      <a className="link-button" href={exportUrl(planId, 'csv', version.id)} download>
        CSV
      </a>
      {role === 'planner' && (
        <>
          <button
            type="button"
            className="link-button"
            data-testid={`restore-${version.id}`}
            onClick={() => setConfirming(true)}
          >
            {t('versions.restore.button')}
          </button>
          <button type="button" className="link-button" onClick={() => setRolling((r) => !r)}>
            {t('versions.rollForward.button')}
          </button>
        </>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" data-testid="restore-confirm">
          <p>{t('versions.restore.confirm', { name: version.name })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('versions.cancel')}
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="restore-confirmed"
              onClick={restore}
            >
              {t('versions.restore.button')}
            </button>
          </div>
        </div>
      )}
      {rolling && (
        <form className="confirm" onSubmit={roll}>
          <div className="field-row">
            <label className="field">
              <span>{t('versions.rollForward.periods')}</span>
              <input
                type="number"
                min={1}
                max={155}
                value={periods}
                onChange={(event) => setPeriods(Math.max(1, Number(event.target.value)))}
              />
            </label>
            <label className="field">
              <span>{t('versions.rollForward.name')}</span>
              <input
                value={name}
                maxLength={200}
                placeholder={t('versions.rollForward.defaultName', { name: version.name })}
                onChange={(event) => setName(event.target.value)}
              />
            </label>
          </div>
          <button type="submit" className="button primary">
            {t('versions.rollForward.submit')}
          </button>
        </form>
      )}
    </div>
  )
}
