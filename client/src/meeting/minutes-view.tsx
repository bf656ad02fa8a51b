import { useTranslation } from 'react-i18next'
import type { MeetingMinutes, PlanMeta } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { agendaLabel, clock } from './agenda-label.js'

interface MinutesViewProps {
  minutes: MeetingMinutes
  meta: PlanMeta
  format: Formatters
  nameOf: (userId: string) => string
}

/** The minutes kept with a consensus version: attendees, decisions, actions, agenda, figures. */
export function MinutesView({ minutes, meta, format, nameOf }: MinutesViewProps) {
  const { t } = useTranslation()
  const { figures } = minutes
  return (
    <details className="minutes" data-testid="minutes">
      <summary>
        {t('meeting.minutes', {
          decisions: minutes.decisions.length,
          actions: minutes.actions.length,
        })}
      </summary>
      <p>
        <strong>{t('meeting.attendees')}</strong>{' '}
        <span data-testid="minutes-attendees">
          {minutes.attendees.map((a) => a.name).join(', ')}
        </span>
      </p>
      <p className="muted">
        {t('meeting.heldFrom', {
          from: format.dateTime(minutes.startedAt),
          to: format.dateTime(minutes.endedAt),
          name: nameOf(minutes.presenter),
        })}
      </p>
      <h4>{t('meeting.decisions')}</h4>
      <ul data-testid="minutes-decisions">
        {minutes.decisions.map((d) => (
          <li key={d.id}>{d.text}</li>
        ))}
      </ul>
      <h4>{t('meeting.actions')}</h4>
      <ul data-testid="minutes-actions">
        {minutes.actions.map((a) => (
          <li key={a.id}>
            {a.text} ({t('meeting.ownerIs', { name: nameOf(a.owner) })}
            {a.due ? ` · ${t('meeting.dueOn', { date: format.date(a.due) })}` : ''})
          </li>
        ))}
      </ul>
      <h4>{t('meeting.agenda')}</h4>
      <ul data-testid="minutes-agenda">
        {minutes.agenda.map((item) => (
          <li key={item.id}>
            {agendaLabel(item, meta, format, t)} · {clock(item.spentSeconds)}
          </li>
        ))}
      </ul>
      <h4>{t('meeting.figures')}</h4>
      <p data-testid="minutes-figures">
        {t('meeting.figuresLine', {
          demand: format.number(figures.demand),
          supply: format.number(figures.supply),
          inventory: format.number(figures.endingInventory),
          shortages: figures.gaps.shortage,
          overCapacity: figures.gaps.overCapacity,
          flags: figures.openFlags,
        })}
        {figures.pricedSkus > 0 &&
          ` · ${t('meeting.moneyLine', {
            revenue: format.number(figures.revenuePlanned),
            risk: format.number(figures.revenueAtRisk),
          })}`}
      </p>
    </details>
  )
}
