import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FlagStatus, GapFlag, PlanDoc, PlanModel, Role } from '@tandem/shared'
import { FLAG_STATUSES, updateFlag } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { FlagAssignment } from './flag-assignment.js'
import { isGapClosed } from './is-gap-closed.js'
import { isOverdue } from './is-overdue.js'
import { sortFlags } from './sort-flags.js'
import { CopyLinkButton } from '../navigation/copy-link-button.js'

interface FlagsPanelProps {
  plan: PlanDoc
  model: PlanModel
  flags: GapFlag[]
  me: string
  role: Role
  members: PlanMember[]
  describeCells: (flag: GapFlag) => string
  threadOf: (flag: GapFlag) => string | undefined
  onOpenThread: (threadId: string) => void
  onJump: (flag: GapFlag) => void
  /** The flag a link pointed at: marked and scrolled into view. */
  selected?: string
}

/** Flags by severity and due date, filtered by owner and status; overdue and closed gaps marked. */
export function FlagsPanel(props: FlagsPanelProps) {
  const { flags, me, role, members } = props
  const { t, i18n } = useTranslation()
  const [owner, setOwner] = useState('')
  const [status, setStatus] = useState<FlagStatus | ''>('')
  const today = new Date().toISOString().slice(0, 10)
  const shown = sortFlags(flags).filter(
    (flag) => (!owner || flag.owner === owner) && (!status || flag.status === status),
  )
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  return (
    <div className="flags-panel" data-testid="flags-panel">
      <div className="flag-filters">
        <select
          data-testid="flag-filter-owner"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        >
          <option value="">{t('flags.anyOwner')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <select
          data-testid="flag-filter-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as FlagStatus | '')}
        >
          <option value="">{t('flags.anyStatus')}</option>
          {FLAG_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`flags.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {shown.length === 0 && <p className="muted">{t('flags.none')}</p>}
      <ul className="flag-list">
        {shown.map((flag) => {
          const overdue = isOverdue(flag, today)
          const closed = isGapClosed(flag, props.model)
          const mayStatus = role === 'planner' || flag.createdBy === me || flag.owner === me
          const thread = props.threadOf(flag)
          return (
            <li
              key={flag.id}
              className={`flag-item severity-${flag.severity}${flag.id === props.selected ? ' selected' : ''}`}
              data-testid="flag-item"
              data-flag={flag.id}
              data-selected={flag.id === props.selected}
              ref={
                flag.id === props.selected
                  ? (item) => item?.scrollIntoView({ block: 'nearest' })
                  : undefined
              }
              data-status={flag.status}
              data-gap-closed={closed}
              data-overdue={overdue}
            >
              <div className="flag-head">
                <span className={`pill severity-${flag.severity}`}>
                  {t(`flags.severities.${flag.severity}`)}
                </span>
                <strong>{t(`flags.kinds.${flag.kind}`)}</strong>
                {closed && (
                  <span className="pill gap-closed" data-testid="gap-closed">
                    {t('flags.gapClosed')}
                  </span>
                )}
                {overdue && (
                  <span className="pill overdue" data-testid="overdue">
                    {t('flags.overdue')}
                  </span>
                )}
              </div>
              <button type="button" className="link-button" onClick={() => props.onJump(flag)}>
                {props.describeCells(flag)}
              </button>
              <div className="flag-meta">
                <span data-testid="flag-owner-name">
                  {t('flags.ownedBy', { name: nameOf(flag.owner) })}
                </span>
                {flag.dueDate && (
                  <span data-testid="flag-due-date">
                    {t('flags.due', { date: date.format(new Date(`${flag.dueDate}T00:00:00Z`)) })}
                  </span>
                )}
              </div>
              {flag.note && <p className="flag-note">{flag.note}</p>}
              {(role === 'planner' || flag.createdBy === me) && (
                <FlagAssignment plan={props.plan} flag={flag} members={members} />
              )}
              <div className="flag-actions">
                <select
                  data-testid="flag-status"
                  value={flag.status}
                  disabled={!mayStatus}
                  onChange={(e) =>
                    updateFlag(props.plan, flag.id, { status: e.target.value as FlagStatus })
                  }
                >
                  {FLAG_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`flags.statuses.${s}`)}
                    </option>
                  ))}
                </select>
                {thread && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid="flag-thread"
                    onClick={() => props.onOpenThread(thread)}
                  >
                    {t('flags.discussion')}
                  </button>
                )}
                <CopyLinkButton link={{ kind: 'flag', id: flag.id }} />
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
