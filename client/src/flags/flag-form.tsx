import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FlagKind, FlagSeverity, PlanDoc } from '@tandem/shared'
import { createFlag, FLAG_KINDS, FLAG_SEVERITIES } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import type { FlagDraft } from '../plan-view/discussion-pane.js'
import { newId } from '../plan-view/new-id.js'
import { OwnerSelect } from './owner-select.js'

interface FlagFormProps {
  plan: PlanDoc
  draft: FlagDraft
  cellsLabel: string
  me: string
  members: PlanMember[]
  onDone: () => void
}

/** "Flag this gap": kind, cells and severity prefilled; owner, due date and a note chosen. */
export function FlagForm({ plan, draft, cellsLabel, me, members, onDone }: FlagFormProps) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<FlagKind>(draft.kind)
  const [severity, setSeverity] = useState<FlagSeverity>(draft.severity)
  const [owner, setOwner] = useState(me)
  const [dueDate, setDueDate] = useState('')
  const [note, setNote] = useState('')
  const submit = () => {
    createFlag(plan, {
      id: newId('f'),
      kind,
      severity,
      owner,
      dueDate,
      status: 'open',
      cells: draft.cells,
      threadId: draft.threadId,
      note: note.slice(0, 2000),
      createdBy: me,
      createdAt: new Date().toISOString(),
    })
    onDone()
  }
  return (
    <form
      className="flag-form"
      data-testid="flag-form"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <h3>{t('flags.new')}</h3>
      <p className="muted">{cellsLabel}</p>
      <label>
        {t('flags.kind')}
        <select
          data-testid="flag-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as FlagKind)}
        >
          {FLAG_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`flags.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('flags.severity')}
        <select
          data-testid="flag-severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as FlagSeverity)}
        >
          {FLAG_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`flags.severities.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('flags.owner')}
        <OwnerSelect testId="flag-owner" value={owner} members={members} onChange={setOwner} />
      </label>
      <label>
        {t('flags.dueDate')}
        <input
          type="date"
          data-testid="flag-due"
          value={dueDate}
          onChange={(e) => setDueDate(e.target.value)}
        />
      </label>
      <label>
        {t('flags.note')}
        <textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="editor-actions">
        <button type="button" className="button" onClick={onDone}>
          {t('comments.cancel')}
        </button>
        <button type="submit" className="button primary" data-testid="flag-submit">
          {t('flags.create')}
        </button>
      </div>
    </form>
  )
}
