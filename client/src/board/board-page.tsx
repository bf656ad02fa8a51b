import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import type { PlanRecord } from '@tandem/shared'
import { ApiFailure, getPlan, listMembers } from '../api/plans-api.js'
import { HomeLink } from '../navigation/home-link.js'
import type { SessionUser } from '../auth/session-user.js'
import { rememberedRole, rememberRole } from '../auth/session-user.js'
import type { Identity } from '../identity/identity.js'
import { identityIn } from '../identity/identity.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { makeFormatters } from '../i18n/use-formatters.js'
import { ConnectionBadge } from '../sync/connection-badge.js'
import { usePlan } from '../sync/use-plan.js'
import { BoardLoaded } from './board-loaded.js'
import { sessionNoticeText } from './session-notice-text.js'
import { useNotices } from '../notices/use-notices.js'

interface BoardPageProps {
  planId: string
  user: SessionUser
  onSignOut: () => void
}

/** What the server said about the plan before the board opens. */
type Admission =
  | { kind: 'asking' }
  | { kind: 'open'; role: Role; record: PlanRecord | undefined }
  | { kind: 'refused'; message: 'board.failure.notFound' | 'board.noRole' | 'board.offlineUnknown' }

const ASK_TIMEOUT_MS = 3_000
/** How soon a board that could not ask for its plan asks again. */
const RETRY_MS = 5_000

/**
 * One plan's board. The plan record and my role in it are asked for first (briefly: offline, the
 * remembered role opens the local copy); a record with another creation time means the local
 * copy belongs to an older plan of the same id.
 */
export function BoardPage({ planId, user, onSignOut }: BoardPageProps) {
  const { t } = useTranslation()
  const [admission, setAdmission] = useState<Admission>({ kind: 'asking' })
  const [accessChecks, setAccessChecks] = useState(0)
  useEffect(() => {
    const controller = new AbortController()
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | undefined
    const timer = setTimeout(() => controller.abort(), ASK_TIMEOUT_MS)
    Promise.all([getPlan(planId, controller.signal), listMembers(planId, controller.signal)]).then(
      ([record, members]) => {
        const role = members.find((member) => member.id === user.id)?.role
        if (!role) return setAdmission({ kind: 'refused', message: 'board.noRole' })
        rememberRole(planId, user.id, role)
        setAdmission({ kind: 'open', role, record })
      },
      (failure: unknown) => {
        if (failure instanceof ApiFailure && failure.status === 404) {
          return setAdmission({ kind: 'refused', message: 'board.failure.notFound' })
        }
        if (cancelled) return
        const role = rememberedRole(planId, user.id)
        if (role) return setAdmission({ kind: 'open', role, record: undefined })
        // Unreachable or too slow to answer (a big plan on a busy server): say so, and ask again.
        setAdmission({ kind: 'refused', message: 'board.offlineUnknown' })
        retry = setTimeout(() => setAccessChecks((n) => n + 1), RETRY_MS)
      },
    )
    return () => {
      cancelled = true
      clearTimeout(timer)
      clearTimeout(retry)
      controller.abort()
    }
  }, [planId, user.id, accessChecks])
  if (admission.kind === 'open') {
    return (
      <BoardSession
        planId={planId}
        user={user}
        identity={identityIn(user, admission.role)}
        createdAt={admission.record?.createdAt}
        onSignOut={onSignOut}
        onAccessChanged={() => setAccessChecks((n) => n + 1)}
      />
    )
  }
  const message = admission.kind === 'refused' ? t(admission.message) : t('board.loading')
  return (
    <div className="page">
      <BoardHeader user={user} onSignOut={onSignOut} />
      <p className={admission.kind === 'refused' ? 'page-message error' : 'page-message muted'}>
        {message}
      </p>
    </div>
  )
}

function BoardHeader(props: {
  user: SessionUser
  role?: Role
  onSignOut: () => void
  children?: React.ReactNode
}) {
  const { t } = useTranslation()
  return (
    <header className="topbar">
      <HomeLink className="back">← {t('board.allPlans')}</HomeLink>
      <span className="spacer" />
      {props.children}
      <LanguageSwitch />
      <IdentityChip user={props.user} role={props.role} onSignOut={props.onSignOut} />
    </header>
  )
}

interface BoardSessionProps extends BoardPageProps {
  identity: Identity
  createdAt: string | undefined
  /** The server says my role changed: look it up again and reopen under it. */
  onAccessChanged: () => void
}

function BoardSession({
  planId,
  user,
  identity,
  createdAt,
  onSignOut,
  onAccessChanged,
}: BoardSessionProps) {
  const { t, i18n } = useTranslation()
  const { session, snapshot } = usePlan(planId, identity, createdAt, onAccessChanged)
  const { notices, notify, dismiss } = useNotices()
  useEffect(() => {
    if (!session) return
    return session.onNotice((notice) => {
      const meta = session.getSnapshot().live?.plan.readMeta()
      const format = makeFormatters(i18n.language, meta?.decimals ?? 0, (week) =>
        t('column.week', { week }),
      )
      const naming = meta ? { t, format, meta, role: identity.role } : undefined
      const tone =
        notice.kind === 'rejected' || (notice.kind === 'reapplied' && notice.dropped > 0)
          ? 'error'
          : 'info'
      notify(sessionNoticeText(t, naming, notice), tone)
    })
  }, [session, notify, t, i18n.language, identity.role])
  if (session && snapshot.live && !snapshot.failure) {
    return (
      <BoardLoaded
        key={snapshot.live.generation}
        session={session}
        live={snapshot.live}
        snapshot={snapshot}
        user={user}
        identity={identity}
        onSignOut={onSignOut}
        notices={notices}
        notify={notify}
        onDismiss={dismiss}
      />
    )
  }
  return (
    <div className="page">
      <BoardHeader user={user} role={identity.role} onSignOut={onSignOut}>
        {!snapshot.failure && (
          <ConnectionBadge status={snapshot.status} unsaved={snapshot.unsaved} />
        )}
      </BoardHeader>
      <p
        className={snapshot.failure ? 'page-message error' : 'page-message muted'}
        data-testid="board-failure"
        data-failure={snapshot.failure}
      >
        {snapshot.failure ? t(`board.failure.${snapshot.failure}`) : t('board.loading')}
      </p>
    </div>
  )
}
