import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord } from '../api/plan-record.js'
import { ApiFailure, getPlan } from '../api/plans-api.js'
import { navigate } from '../app/navigation.js'
import type { Identity } from '../identity/identity.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { ConnectionBadge } from '../sync/connection-badge.js'
import { usePlan } from '../sync/use-plan.js'
import { makeFormatters } from '../i18n/use-formatters.js'
import { BoardLoaded } from './board-loaded.js'
import { sessionNoticeText } from './session-notice-text.js'
import { useNotices } from './use-notices.js'

interface BoardPageProps {
  planId: string
  identity: Identity
  onChangeIdentity: () => void
}

/**
 * One plan's board. The plan record is asked for first (briefly: offline, the local copy opens
 * without it); a record with another creation time means the local copy belongs to an older plan.
 */
export function BoardPage({ planId, identity, onChangeIdentity }: BoardPageProps) {
  const { t } = useTranslation()
  const [record, setRecord] = useState<PlanRecord | null>()
  const [missing, setMissing] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 3_000)
    getPlan(planId, controller.signal).then(setRecord, (failure: unknown) => {
      if (failure instanceof ApiFailure && failure.status === 404) setMissing(true)
      else setRecord(null)
    })
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [planId])
  const header = (
    <header className="topbar">
      <a
        href="/"
        className="back"
        onClick={(event) => {
          event.preventDefault()
          navigate('/')
        }}
      >
        ← {t('board.allPlans')}
      </a>
      <span className="spacer" />
      <LanguageSwitch />
      <IdentityChip identity={identity} onChange={onChangeIdentity} />
    </header>
  )
  if (missing) {
    return (
      <div className="page">
        {header}
        <p className="page-message error">{t('board.failure.notFound')}</p>
      </div>
    )
  }
  if (record === undefined) {
    return (
      <div className="page">
        {header}
        <p className="page-message muted">{t('board.loading')}</p>
      </div>
    )
  }
  return (
    <BoardSession
      planId={planId}
      identity={identity}
      createdAt={record?.createdAt}
      onChangeIdentity={onChangeIdentity}
    />
  )
}

interface BoardSessionProps extends BoardPageProps {
  createdAt: string | undefined
}

function BoardSession({ planId, identity, createdAt, onChangeIdentity }: BoardSessionProps) {
  const { t, i18n } = useTranslation()
  const { session, snapshot } = usePlan(planId, identity, createdAt)
  const { notices, notify, dismiss } = useNotices()
  useEffect(() => {
    if (!session) return
    return session.onNotice((notice) => {
      const meta = session.getSnapshot().live?.plan.readMeta()
      const format = makeFormatters(i18n.language, meta?.decimals ?? 0, (week) =>
        t('column.week', { week }),
      )
      const naming = meta ? { t, format, meta, role: identity.role } : undefined
      const tone = notice.kind === 'rejected' || notice.dropped > 0 ? 'error' : 'info'
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
        identity={identity}
        onChangeIdentity={onChangeIdentity}
        notices={notices}
        notify={notify}
        onDismiss={dismiss}
      />
    )
  }
  return (
    <div className="page">
      <header className="topbar">
        <a
          href="/"
          className="back"
          onClick={(event) => {
            event.preventDefault()
            navigate('/')
          }}
        >
          ← {t('board.allPlans')}
        </a>
        <span className="spacer" />
        <ConnectionBadge status={snapshot.status} unsaved={snapshot.unsaved} />
        <LanguageSwitch />
        <IdentityChip identity={identity} onChange={onChangeIdentity} />
      </header>
      <p className={snapshot.failure ? 'page-message error' : 'page-message muted'}>
        {snapshot.failure ? t(`board.failure.${snapshot.failure}`) : t('board.loading')}
      </p>
    </div>
  )
}
