import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgendaItem, MeetingRecord, MeetingSession, RecordLink } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'

interface RecordFormProps {
  session: MeetingSession
  userId: string
  members: PlanMember[]
  current: AgendaItem | undefined
  onRecord: (record: MeetingRecord) => string | undefined
}

/** The links of the agenda item under discussion: its flag, or its first cell. */
export function linksOf(item: AgendaItem | undefined): RecordLink[] {
  if (!item) return []
  if (item.flagId) return [{ kind: 'flag', id: item.flagId }]
  const measure = item.gapKind === 'overCapacity' ? 'capacity' : 'supply'
  return [{ kind: 'cell', measure, key: item.key, period: item.firstPeriod }]
}

/** Records a decision or an action item live, linked to the agenda item under discussion. */
export function RecordForm({ session, userId, members, current, onRecord }: RecordFormProps) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<MeetingRecord['kind']>('decision')
  const [text, setText] = useState('')
  const [owner, setOwner] = useState('')
  const [due, setDue] = useState('')
  const [link, setLink] = useState(true)
  const [error, setError] = useState<string>()
  const submit = () => {
    const id = `r-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
    const failure = onRecord({
      id,
      meetingId: session.id,
      kind,
      text: text.trim(),
      owner,
      due,
      links: link ? linksOf(current) : [],
      author: userId,
      at: new Date().toISOString(),
    })
    setError(failure)
    if (!failure) {
      setText('')
      setOwner('')
      setDue('')
    }
  }
  return (
    <form
      className="record-form"
      data-testid="record-form"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <div className="record-row">
        <select
          value={kind}
          data-testid="record-kind"
          aria-label={t('meeting.kind')}
          onChange={(event) => setKind(event.target.value as MeetingRecord['kind'])}
        >
          <option value="decision">{t('meeting.decision')}</option>
          <option value="action">{t('meeting.action')}</option>
        </select>
        <input
          className="record-text"
          value={text}
          maxLength={2000}
          placeholder={t('meeting.textPlaceholder')}
          aria-label={t('meeting.text')}
          data-testid="record-text"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="record-row">
        <label>
          {t('meeting.owner')}{' '}
          <select
            value={owner}
            data-testid="record-owner"
            onChange={(event) => setOwner(event.target.value)}
          >
            <option value="">{t('meeting.noOwner')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('meeting.due')}{' '}
          <input
            type="date"
            value={due}
            data-testid="record-due"
            onChange={(event) => setDue(event.target.value)}
          />
        </label>
      </div>
      {current && (
        <label className="record-link">
          <input type="checkbox" checked={link} onChange={(e) => setLink(e.target.checked)} />{' '}
          {t('meeting.linkCurrent')}
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button primary"
        data-testid="record-add"
        disabled={text.trim() === '' || (kind === 'action' && owner === '')}
      >
        {kind === 'action' ? t('meeting.recordAction') : t('meeting.recordDecision')}
      </button>
    </form>
  )
}
