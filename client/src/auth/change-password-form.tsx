import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiFailure } from '../api/plans-api.js'
import { changePassword } from './auth-api.js'

const MIN_PASSWORD = 8

type PasswordField = 'currentPassword' | 'newPassword' | 'form'

/**
 * Changes my own password. The server signs out my other sessions and API tokens and gives
 * this browser a new session.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [error, setError] = useState<{ field: PasswordField; message: string }>()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    setSaved(false)
    if (newPassword.length < MIN_PASSWORD) {
      setError({ field: 'newPassword', message: t('password.errors.tooShort') })
      return
    }
    if (newPassword === currentPassword) {
      setError({ field: 'newPassword', message: t('password.errors.same') })
      return
    }
    setBusy(true)
    setError(undefined)
    changePassword({ currentPassword, newPassword }).then(
      () => {
        setBusy(false)
        setCurrentPassword('')
        setNewPassword('')
        setSaved(true)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(passwordFailure(failure, t))
      },
    )
  }
  const errorOf = (field: PasswordField) =>
    error?.field === field ? (
      <span className="error field-error" role="alert" data-testid={`password-error-${field}`}>
        {error.message}
      </span>
    ) : null
  return (
    <form className="card" onSubmit={submit} data-testid="change-password">
      <h2>{t('password.title')}</h2>
      <p className="muted">{t('password.intro')}</p>
      <label className="field">
        <span>{t('password.current')}</span>
        <input
          type="password"
          required
          autoComplete="current-password"
          data-testid="password-current"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        {errorOf('currentPassword')}
      </label>
      <label className="field">
        <span>{t('password.new')}</span>
        <input
          type="password"
          required
          autoComplete="new-password"
          data-testid="password-new"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        {errorOf('newPassword')}
      </label>
      {errorOf('form')}
      {saved && (
        <p className="muted" role="status" data-testid="password-changed">
          {t('password.changed')}
        </p>
      )}
      <button type="submit" className="button" disabled={busy} data-testid="password-submit">
        {t('password.submit')}
      </button>
    </form>
  )
}

function passwordFailure(
  failure: unknown,
  t: (key: string) => string,
): { field: PasswordField; message: string } {
  if (!(failure instanceof ApiFailure) || !failure.error)
    return { field: 'form', message: t('password.errors.unreachable') }
  const { code, field } = failure.error
  if (code === 'invalidCredentials')
    return { field: 'currentPassword', message: t('password.errors.wrongCurrent') }
  if (field === 'newPassword') return { field: 'newPassword', message: t('password.errors.same') }
  if (code === 'rateLimited') return { field: 'form', message: t('password.errors.rateLimited') }
  if (code === 'unauthorized' || code === 'sessionExpired')
    return { field: 'form', message: t('password.errors.signedOut') }
  return { field: 'form', message: failure.error.message }
}
