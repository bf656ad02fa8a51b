import { useTranslation } from 'react-i18next'
import { INBOX_PATH, navigate } from '../navigation/navigation.js'
import { useInbox } from './use-inbox.js'

/** The header's way to the inbox, with how many items are unread. */
export function InboxButton() {
  const { t } = useTranslation()
  const unread = useInbox().list?.unread ?? 0
  return (
    <a
      className="button inbox-button"
      href={INBOX_PATH}
      data-testid="inbox-link"
      aria-label={t('inbox.linkLabel', { count: unread })}
      onClick={(event) => {
        event.preventDefault()
        navigate(INBOX_PATH)
      }}
    >
      {t('inbox.link')}
      {unread > 0 && (
        <span className="inbox-badge" data-testid="inbox-unread">
          {unread}
        </span>
      )}
    </a>
  )
}
