import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanVersion } from '@tandem/shared'
import { publishVersion } from './versions-api.js'

/** A planner publishes the live plan as a named version with a note. */
export function PublishForm(props: {
  planId: string
  onPublished: (version: PlanVersion) => void
}) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    setBusy(true)
    setError(undefined)
    publishVersion(props.planId, name.trim(), note.trim())
      .then(
        (version) => {
          setName('')
          setNote('')
          props.onPublished(version)
        },
        (failure: Error) => setError(failure.message),
      )
      .finally(() => setBusy(false))
  }
  return (
    <form className="publish-form" onSubmit={submit} data-testid="publish-form">
      <label className="field">
        <span>{t('versions.publish.name')}</span>
        <input
          value={name}
          maxLength={200}
          required
          placeholder={t('versions.publish.namePlaceholder')}
          data-testid="publish-name"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('versions.publish.note')}</span>
        <textarea
          value={note}
          maxLength={4000}
          rows={2}
          data-testid="publish-note"
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {t('versions.failed', { message: error })}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy} data-testid="publish">
        {busy ? t('versions.publish.publishing') : t('versions.publish.submit')}
      </button>
    </form>
  )
}
