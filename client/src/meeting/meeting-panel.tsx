import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MeetingState, PlanDoc, PlanMeta, PlanModel, Role } from '@tandem/shared'
import { buildAgenda, mayRecord, moveAgenda, startMeeting, writeRecord } from '@tandem/shared'
import { ApiFailure } from '../api/plans-api.js'
import type { PlanMember } from '../api/plans-api.js'
import type { Identity } from '../identity/identity.js'
import type { Formatters } from '../i18n/use-formatters.js'
import type { Notify } from '../notices/use-notices.js'
import { agendaLabel, clock, riskLabel } from './agenda-label.js'
import { endMeeting } from './meeting-api.js'
import { RecordForm } from './record-form.js'

interface MeetingPanelProps {
  planId: string
  plan: PlanDoc
  model: PlanModel
  meta: PlanMeta
  identity: Identity
  meeting: MeetingState
  members: PlanMember[]
  format: Formatters
  nameOf: (userId: string) => string
  notify: Notify
  onClose: () => void
}

const RECORDER_ROLES: Role[] = ['sales', 'production', 'viewer']

/** The live meeting: start it, walk the agenda with a timer per item, record, end it. */
export function MeetingPanel(props: MeetingPanelProps) {
  const { planId, plan, model, meta, identity, meeting, format, nameOf, notify } = props
  const { t } = useTranslation()
  const [recorders, setRecorders] = useState<Role[]>(['sales', 'production'])
  const [busy, setBusy] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const session = meeting.session?.status === 'running' ? meeting.session : undefined
  const agenda = meeting.agenda
  useEffect(() => {
    if (!session) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [session])
  const isPlanner = identity.role === 'planner'
  const presents = session !== undefined && (isPlanner || session.presenter === identity.userId)

  const start = () =>
    startMeeting(plan.doc, {
      id: `m-${Date.now().toString(36)}`,
      userId: identity.userId,
      at: new Date().toISOString(),
      recorders,
      items: buildAgenda(plan, model),
    })
  const move = (to: number) => agenda && moveAgenda(plan.doc, agenda, to, new Date().toISOString())
  const end = async () => {
    setBusy(true)
    try {
      await endMeeting(planId)
      notify(t('meeting.endedNotice'), 'info')
    } catch (error) {
      notify(error instanceof ApiFailure ? error.message : String(error), 'error')
    } finally {
      setBusy(false)
    }
  }
  const spent = (index: number) => {
    const item = agenda?.items[index]
    if (!item || !agenda) return 0
    const live =
      index === agenda.current && agenda.since ? (now - Date.parse(agenda.since)) / 1000 : 0
    return item.spentSeconds + Math.max(0, live)
  }

  return (
    <aside
      className="side-panel meeting-panel"
      data-testid="meeting-panel"
      aria-label={t('meeting.title')}
    >
      <div className="side-panel-tabs">
        <strong>{t('meeting.title')}</strong>
        <span className="spacer" />
        <button
          type="button"
          className="link-button"
          data-testid="meeting-close"
          onClick={props.onClose}
        >
          {t('versions.close')}
        </button>
      </div>
      {!session && !isPlanner && <p className="muted">{t('meeting.notRunning')}</p>}
      {!session && isPlanner && (
        <div className="meeting-start">
          <p className="muted">{t('meeting.startHint')}</p>
          <fieldset className="meeting-recorders">
            <legend>{t('meeting.recorders')}</legend>
            {RECORDER_ROLES.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  checked={recorders.includes(role)}
                  data-testid={`meeting-recorder-${role}`}
                  onChange={(event) =>
                    setRecorders((list) =>
                      event.target.checked ? [...list, role] : list.filter((r) => r !== role),
                    )
                  }
                />{' '}
                {t(`role.${role}`)}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="button primary"
            data-testid="meeting-start"
            onClick={start}
          >
            {t('meeting.start')}
          </button>
        </div>
      )}
      {session && (
        <>
          <p className="meeting-presenter" data-testid="meeting-presenter">
            {t('meeting.presentedBy', { name: nameOf(session.presenter) })}
          </p>
          <h3>{t('meeting.agenda')}</h3>
          {agenda && agenda.items.length === 0 && (
            <p className="muted">{t('meeting.emptyAgenda')}</p>
          )}
          <ol className="agenda" data-testid="agenda">
            {agenda?.items.map((item, index) => (
              <li
                key={item.id}
                data-testid={`agenda-item-${index}`}
                className={
                  index === agenda.current
                    ? `agenda-item current ${item.severity}`
                    : `agenda-item ${item.severity}`
                }
              >
                <span className="agenda-title">{agendaLabel(item, meta, format, t)}</span>
                <span className="agenda-facts">
                  <span className={`severity ${item.severity}`}>
                    {t(`flags.severities.${item.severity}`)}
                  </span>
                  <span>{riskLabel(item, format, t)}</span>
                  <span className="agenda-clock" data-testid={`agenda-clock-${index}`}>
                    {clock(spent(index))}
                  </span>
                </span>
                {presents && index !== agenda.current && (
                  <button type="button" className="link-button" onClick={() => move(index)}>
                    {t('meeting.discuss')}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {presents && agenda && agenda.items.length > 0 && (
            <div className="agenda-controls">
              <button
                type="button"
                className="button"
                disabled={agenda.current <= 0}
                onClick={() => move(agenda.current - 1)}
              >
                {t('meeting.previous')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="agenda-next"
                disabled={agenda.current >= agenda.items.length - 1}
                onClick={() => move(agenda.current + 1)}
              >
                {t('meeting.next')}
              </button>
            </div>
          )}
          <h3>{t('meeting.records')}</h3>
          {meeting.records.length === 0 && <p className="muted">{t('meeting.noRecords')}</p>}
          <ul className="meeting-records" data-testid="meeting-records">
            {meeting.records.map((record) => (
              <li
                key={record.id}
                className={`meeting-record ${record.kind}`}
                data-testid="meeting-record"
                data-kind={record.kind}
              >
                <span className="record-kind">{t(`meeting.${record.kind}`)}</span>
                <span className="record-body">{record.text}</span>
                <span className="muted">
                  {[
                    record.owner && t('meeting.ownerIs', { name: nameOf(record.owner) }),
                    record.due && t('meeting.dueOn', { date: format.date(record.due) }),
                    t('meeting.recordedBy', { name: nameOf(record.author) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
          {mayRecord(identity.role, session) && (
            <RecordForm
              session={session}
              userId={identity.userId}
              members={props.members}
              current={agenda?.items[agenda.current]}
              onRecord={(record) => {
                plan.doc.transact(() => writeRecord(plan.doc, record))
                return undefined
              }}
            />
          )}
          {isPlanner && (
            <button
              type="button"
              className="button primary meeting-end"
              data-testid="meeting-end"
              disabled={busy}
              onClick={() => void end()}
            >
              {t('meeting.end')}
            </button>
          )}
        </>
      )}
    </aside>
  )
}
