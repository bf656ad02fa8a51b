import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanModel } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import type { ActivityEntry } from './history-api.js'
import { planActivity } from './history-api.js'

const SHOWN_KEYS = 3
const REFRESH_MS = 1_000

interface ActivityFeedProps {
  planId: string
  model: PlanModel
  format: Formatters
  nameOf: (userId: string) => string
}

/** Who changed how many cells, where and when; refreshed a moment after the plan changes. */
export function ActivityFeed({ planId, model, format, nameOf }: ActivityFeedProps) {
  const { t } = useTranslation()
  const [activity, setActivity] = useState<ActivityEntry[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = () =>
      planActivity(planId).then(setActivity, (failure: Error) => setError(failure.message))
    load()
    const stop = model.onChange(() => {
      clearTimeout(timer)
      timer = setTimeout(load, REFRESH_MS)
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [planId, model])
  const where = (entry: ActivityEntry) => {
    const keys = entry.keys.slice(0, SHOWN_KEYS).join(', ')
    const more = entry.keys.length - SHOWN_KEYS
    return more > 0 ? t('versions.activity.moreKeys', { keys, count: more }) : keys
  }
  return (
    <div className="activity" data-testid="activity">
      {error && (
        <p className="error" role="alert">
          {t('versions.failed', { message: error })}
        </p>
      )}
      {activity?.length === 0 && <p className="muted">{t('versions.activity.none')}</p>}
      <ul className="activity-list">
        {activity?.map((entry) => (
          <li key={entry.seq}>
            <strong>{nameOf(entry.author)}</strong>{' '}
            {t('versions.activity.changed', {
              count: entry.cells,
              cells: format.number(entry.cells),
              measures: entry.measures.map((m) => t(`measure.${m}`)).join(', '),
            })}
            <span className="muted"> · {where(entry)}</span>
            <div className="muted">{format.dateTime(entry.at)}</div>
          </li>
        ))}
      </ul>
    </div>
  )
}
