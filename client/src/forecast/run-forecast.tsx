import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ForecastRunStatus } from '@tandem/shared'
import { call } from '../api/plans-api.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanSession } from '../sync/plan-session.js'
import type { ForecastProgress } from '../sync/forecast-progress.js'

interface RunForecastProps {
  planId: string
  session: PlanSession
  /** Only planners may start a run; everyone sees its progress. */
  canRun: boolean
  notify: Notify
}

/**
 * The Run forecast button and the progress of a run (SKUs done of total), as the server
 * reports it to every board of the plan; the result arrives in the forecast root by itself.
 */
export function RunForecast({ planId, session, canRun, notify }: RunForecastProps) {
  const { t } = useTranslation()
  const [progress, setProgress] = useState<ForecastProgress>()
  useEffect(
    () =>
      session.onForecastProgress((next) => {
        setProgress(next)
        if (next.state === 'failed') notify(t('forecast.failed'), 'error')
      }),
    [session, notify, t],
  )
  const running = progress?.state === 'running' || progress?.state === 'writing'
  const start = () => {
    setProgress({ state: 'running', done: 0, total: 0 })
    call<ForecastRunStatus>(`/api/plans/${encodeURIComponent(planId)}/forecast`, {
      method: 'POST',
    }).then(
      (status) =>
        setProgress((shown) =>
          shown && shown.total > 0
            ? shown
            : { state: 'running', done: status.done, total: status.total },
        ),
      (failure: Error) => {
        setProgress(undefined)
        notify(t('forecast.startFailed', { message: failure.message }), 'error')
      },
    )
  }
  return (
    <span className="run-forecast">
      {canRun && (
        <button
          type="button"
          className="button"
          data-testid="run-forecast"
          disabled={running}
          onClick={start}
        >
          {t('forecast.run')}
        </button>
      )}
      {progress && (
        <span
          className="forecast-progress"
          data-testid="forecast-progress"
          data-state={progress.state}
        >
          <progress
            max={Math.max(1, progress.total)}
            value={progress.state === 'done' ? Math.max(1, progress.total) : progress.done}
            aria-label={t('forecast.progressLabel')}
          />
          <span className="muted">
            {t(`forecast.progress.${progress.state}`, {
              done: progress.done,
              total: progress.total,
            })}
          </span>
        </span>
      )}
    </span>
  )
}
