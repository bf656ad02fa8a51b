import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AccuracyPage } from '../accuracy/accuracy-page.js'
import { accuracyPlanIdOf } from '../accuracy/accuracy-path.js'
import { AdminPage } from '../admin/admin-page.js'
import { checkSession, signOut } from '../auth/auth-api.js'
import type { SessionUser } from '../auth/session-user.js'
import { forgetUser, lastUser, rememberUser } from '../auth/session-user.js'
import { SignInPage } from '../auth/sign-in-page.js'
import { BoardPage } from '../board/board-page.js'
import { LandingPage } from '../landing/landing-page.js'
import { InboxPage } from '../inbox/inbox-page.js'
import { isAdminPath, isInboxPath, planIdOf, usePath } from '../navigation/navigation.js'

type AuthState =
  | { kind: 'checking' }
  | { kind: 'signedOut'; unreachable: boolean }
  | { kind: 'signedIn'; user: SessionUser }

/**
 * The whole app: sign-in, the plans list, or one plan's board. When the server cannot be
 * reached, the last signed-in person carries on with the local copies of their plans.
 */
export function App() {
  const { t } = useTranslation()
  const path = usePath()
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' })
  useEffect(() => {
    void checkSession().then((check) => {
      if (check.kind === 'signedIn') {
        rememberUser(check.user)
        setAuth({ kind: 'signedIn', user: check.user })
      } else if (check.kind === 'unreachable' && lastUser()) {
        setAuth({ kind: 'signedIn', user: lastUser()! })
      } else {
        setAuth({ kind: 'signedOut', unreachable: check.kind === 'unreachable' })
      }
    })
  }, [])
  if (auth.kind === 'checking') return <p className="page-message muted">{t('board.loading')}</p>
  if (auth.kind === 'signedOut') {
    return (
      <SignInPage
        unreachable={auth.unreachable}
        onSignedIn={(user) => {
          rememberUser(user)
          setAuth({ kind: 'signedIn', user })
        }}
      />
    )
  }
  const leave = () => {
    forgetUser()
    void signOut().finally(() => setAuth({ kind: 'signedOut', unreachable: false }))
  }
  if (isAdminPath(path)) return <AdminPage user={auth.user} onSignOut={leave} />
  if (isInboxPath(path)) return <InboxPage user={auth.user} onSignOut={leave} />
  const accuracyPlanId = accuracyPlanIdOf(path)
  if (accuracyPlanId) return <AccuracyPage key={accuracyPlanId} planId={accuracyPlanId} />
  const planId = planIdOf(path)
  return planId ? (
    <BoardPage key={planId} planId={planId} user={auth.user} onSignOut={leave} />
  ) : (
    <LandingPage user={auth.user} onSignOut={leave} />
  )
}
