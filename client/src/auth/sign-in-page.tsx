import { useEffect, useState } from 'react'
import type { FirstRunInfo, SignInMethods } from '@tandem/shared'
import { SSO_ERRORS } from '@tandem/shared'
import { useTranslation } from 'react-i18next'
import { ApiFailure } from '../api/plans-api.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { loadFirstRun, loadSignInMethods, signIn } from './auth-api.js'
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
  const [error, setError] = useState<string | undefined>(() => ssoErrorMessage(t))
  const [methods, setMethods] = useState<SignInMethods>()
  const [busy, setBusy] = useState(false)
  const [firstRun, setFirstRun] = useState<FirstRunInfo>()
  useEffect(() => {
    let live = true
    void loadFirstRun().then((info) => live && setFirstRun(info))
    void loadSignInMethods().then((found) => live && setMethods(found))
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
          {methods?.sso && (
            <>
              <a className="button primary sso" href={ssoStartUrl()} data-testid="sign-in-sso">
                {t('signIn.sso', { label: methods.sso.label })}
              </a>
              <p className="muted sso-or">{t('signIn.or')}</p>
            </>
          )}
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

/**
 * The message for `?ssoError=<code>`, where a failed single sign-on lands; the code is then
 * taken off the address so that a reload does not show it again.
 */
function ssoErrorMessage(t: (key: string) => string): string | undefined {
  const params = new URLSearchParams(window.location.search)
  const code = params.get('ssoError')
  if (!code) return undefined
  params.delete('ssoError')
  const rest = params.toString()
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
  )
  return (SSO_ERRORS as readonly string[]).includes(code)
    ? t(`signIn.${code}`)
    : t('signIn.ssoFailed')
}

/** Starts single sign-on, coming back to the page the person wanted. */
function ssoStartUrl(): string {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
  return `/api/auth/oidc/start?returnTo=${encodeURIComponent(here)}`
}
