import { useTranslation } from 'react-i18next'
import type { Discussion } from './use-discussion.js'

/** Toolbar buttons: comments (with unread threads), my mentions, and flags. */
export function DiscussionButtons({ discussion }: { discussion: Discussion }) {
  const { t } = useTranslation()
  const { pane, setPane } = discussion
  const toggle = (kind: 'threads' | 'notifications' | 'flags') =>
    setPane(pane.kind === kind ? { kind: 'closed' } : { kind })
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="open-comments"
        data-unread={discussion.unreadThreads}
        aria-pressed={pane.kind === 'threads'}
        onClick={() => toggle('threads')}
      >
        {t('comments.button', { count: discussion.threads.length })}
        {discussion.unreadThreads > 0 && <span className="badge">{discussion.unreadThreads}</span>}
      </button>
      <button
        type="button"
        className="button"
        data-testid="open-notifications"
        data-count={discussion.notices.length}
        aria-pressed={pane.kind === 'notifications'}
        onClick={() => toggle('notifications')}
      >
        {t('comments.notificationsButton')}
        {discussion.notices.length > 0 && (
          <span className="badge">{discussion.notices.length}</span>
        )}
      </button>
      <button
        type="button"
        className="button"
        data-testid="open-flags"
        aria-pressed={pane.kind === 'flags'}
        onClick={() => toggle('flags')}
      >
        {t('flags.button', {
          count: discussion.flags.filter((f) => f.status !== 'resolved').length,
        })}
      </button>
    </>
  )
}
