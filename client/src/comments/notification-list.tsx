import { useTranslation } from 'react-i18next'
import type { PlanMember } from '../api/plans-api.js'
import type { MentionNotice } from './mention-notices.js'

interface NotificationListProps {
  notices: MentionNotice[]
  members: PlanMember[]
  describeThread: (threadId: string) => string
  onOpen: (threadId: string) => void
}

/** My unread mentions; opening one opens its thread (and marks it read). */
export function NotificationList({
  notices,
  members,
  describeThread,
  onOpen,
}: NotificationListProps) {
  const { t } = useTranslation()
  if (notices.length === 0) return <p className="muted">{t('comments.noNotifications')}</p>
  return (
    <ul className="notification-list" data-testid="notification-list">
      {notices.map((notice) => (
        <li key={notice.messageId}>
          <button
            type="button"
            className="thread-item"
            data-testid="notification"
            data-thread={notice.threadId}
            onClick={() => onOpen(notice.threadId)}
          >
            {t('comments.mentionedYou', {
              name: members.find((m) => m.id === notice.author)?.name ?? notice.author,
            })}
            <span className="muted">{describeThread(notice.threadId)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
