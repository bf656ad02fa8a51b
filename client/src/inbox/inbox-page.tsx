import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { InboxEntry } from '@tandem/shared'
import type { SessionUser } from '../auth/session-user.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { useFormatters } from '../i18n/use-formatters.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { HomeLink } from '../navigation/home-link.js'
import { navigate } from '../navigation/navigation.js'
import { inboxLink } from './inbox-link.js'
import { useInbox } from './use-inbox.js'

interface InboxPageProps {
  user: SessionUser
  onSignOut: () => void
}

/** Everything waiting on me across my plans: mentions, flags, actions and sign-offs. */
export function InboxPage({ user, onSignOut }: InboxPageProps) {
  const { t } = useTranslation()
  const inbox = useInbox()
  const { list } = inbox
  return (
    <div className="page inbox">
      <header className="topbar">
        <HomeLink className="brand">{t('app.name')}</HomeLink>
        <span className="muted tagline">{t('inbox.title')}</span>
        <span className="spacer" />
        <LanguageSwitch />
        <IdentityChip user={user} onSignOut={onSignOut} />
      </header>
      <main className="inbox-main">
        <section className="card">
          <div className="inbox-heading">
            <h1>{t('inbox.title')}</h1>
            <span className="muted" data-testid="inbox-count">
              {list && t('inbox.unread', { count: list.unread })}
            </span>
            <span className="spacer" />
            <button
              type="button"
              data-testid="inbox-mark-all"
              disabled={!list || list.unread === 0}
              onClick={inbox.markAll}
            >
              {t('inbox.markAllRead')}
            </button>
          </div>
          {inbox.failed && (
            <p className="error" role="alert">
              {t('inbox.failed')}
            </p>
          )}
          {!list && !inbox.failed && <p className="muted">{t('inbox.loading')}</p>}
          {list && list.items.length === 0 && <p className="muted">{t('inbox.empty')}</p>}
          {list && list.items.length > 0 && (
            <ul className="inbox-items" data-testid="inbox-items">
              {list.items.map((item) => (
                <InboxRow
                  key={item.id}
                  item={item}
                  onMark={(read) => inbox.mark([item.id], read)}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  )
}

function InboxRow({ item, onMark }: { item: InboxEntry; onMark: (read: boolean) => void }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const href = inboxLink(item)
  return (
    <li
      className={item.read ? 'inbox-item read' : 'inbox-item unread'}
      data-testid={`inbox-item-${item.kind}`}
      data-item={item.id}
      data-read={item.read ? 'true' : 'false'}
    >
      <span className="pill inbox-kind">{t(`inbox.kind.${item.kind}`)}</span>
      <a
        className="inbox-text"
        href={href}
        onClick={(event) => {
          event.preventDefault()
          if (!item.read) onMark(true)
          navigate(href)
        }}
      >
        {itemText(item, t)}
      </a>
      <span className="muted inbox-plan">{item.planName}</span>
      <span className="muted inbox-date">{item.at ? format.dateTime(item.at) : ''}</span>
      <button type="button" className="inbox-mark" onClick={() => onMark(!item.read)}>
        {item.read ? t('inbox.markUnread') : t('inbox.markRead')}
      </button>
    </li>
  )
}

function itemText(item: InboxEntry, t: TFunction): string {
  switch (item.kind) {
    case 'mention':
      return item.text || t('inbox.mentioned')
    case 'flag':
      return item.text || t('inbox.flagged', { due: item.dueDate || t('inbox.noDue') })
    case 'action':
      return item.due ? t('inbox.actionDue', { text: item.text, due: item.due }) : item.text
    case 'signOff':
      return t('inbox.signOffWaiting', { stage: t(`cycle.stage.${item.stage}`) })
  }
}
