import { useEffect, useState } from 'react'
import type { FirstRunInfo } from '@tandem/shared'
import { useTranslation } from 'react-i18next'
import { ApiFailure } from '../api/plans-api.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { loadFirstRun, signIn } from './auth-api.js'
import { DemoAccounts } from './demo-accounts.js'
import type { SessionUser } from './session-user.js'

interface SignInPageProps {
  onSignedIn: (user: SessionUser) => void
  /** The server could not be reached, so signing in cannot work right now. */
  unreachable: boolean
}

/** Email and password; the server answers with an httpOnly session cookie. */
export function SignInPage({ onSignedIn, unreachable }: SignInPageProps) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [firstRun, setFirstRun] = useState<FirstRunInfo>()
  useEffect(() => {
    let live = true
    void loadFirstRun().then((info) => live && setFirstRun(info))
    return () => {
      live = false
    }
  }, [])
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    signIn(email.trim(), password).then(onSignedIn, (failure: unknown) => {
      setBusy(false)
      const code = failure instanceof ApiFailure ? failure.error?.code : undefined
      setError(
        code === 'invalidCredentials' || code === 'userDisabled' || code === 'rateLimited'
          ? t(`signIn.${code}`)
          : t('signIn.failed'),
      )
    })
  }
  return (
    <div className="page sign-in">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="muted tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="sign-in-main">
        <form className="card" onSubmit={submit} data-testid="sign-in">
          <h1>{t('signIn.title')}</h1>
          {unreachable && <p className="error">{t('signIn.unreachable')}</p>}
          <label className="field">
            <span>{t('signIn.email')}</span>
            <input
              type="email"
              autoComplete="username"
              autoFocus
              required
              data-testid="sign-in-email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('signIn.password')}</span>
            <input
              type="password"
              autoComplete="current-password"
              required
              data-testid="sign-in-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button primary"
            disabled={busy}
            data-testid="sign-in-submit"
          >
            {t('signIn.submit')}
          </button>
        </form>
        {firstRun && (
          <DemoAccounts
            info={firstRun}
            onPick={(pickedEmail, pickedPassword) => {
              setEmail(pickedEmail)
              setPassword(pickedPassword)
            }}
          />
        )}
      </main>
    </div>
  )
}
