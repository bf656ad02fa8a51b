import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentThread, PlanDoc, Role } from '@tandem/shared'
import { setThreadResolved } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { postReply } from './comment-writes.js'
import { MessageEditor } from './message-editor.js'
import { plainTextOf } from './plain-text-of.js'
import { ThreadMessage } from './thread-message.js'
import { CopyLinkButton } from '../navigation/copy-link-button.js'

interface ThreadViewProps {
  plan: PlanDoc
  thread: CommentThread
  me: string
  role: Role
  members: PlanMember[]
  readMark: string | undefined
  onRead: (at: string) => void
  anchorLabel: string
  onJump: () => void
}

/** An open thread: its messages, a reply box, and resolve or reopen for editors. */
export function ThreadView(props: ThreadViewProps) {
  const { plan, thread, me, role, members, readMark, onRead } = props
  const { t } = useTranslation()
  const [draft, setDraft] = useState(0)
  const latest = thread.messages[thread.messages.length - 1]?.createdAt
  useEffect(() => {
    if (latest && (!readMark || readMark < latest)) onRead(latest)
  }, [latest, readMark, onRead])
  const toggleResolved = () =>
    setThreadResolved(plan, thread.id, !thread.resolved, me, new Date().toISOString())
  return (
    <section
      className="thread-view"
      data-testid="thread-view"
      data-thread={thread.id}
      data-resolved={thread.resolved}
    >
      <div className="thread-head">
        <button type="button" className="link-button" onClick={props.onJump}>
          {props.anchorLabel}
        </button>
        {thread.resolved && <span className="pill">{t('comments.resolved')}</span>}
        <span className="spacer" />
        <CopyLinkButton link={{ kind: 'thread', id: thread.id }} />
        {role !== 'viewer' && (
          <button
            type="button"
            className="button"
            data-testid="thread-resolve"
            onClick={toggleResolved}
          >
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      <ul className="messages">
        {thread.messages.map((message) => (
          <ThreadMessage
            key={message.id}
            plan={plan}
            threadId={thread.id}
            message={message}
            me={me}
            members={members}
            unread={message.author !== me && (!readMark || message.createdAt > readMark)}
          />
        ))}
      </ul>
      <MessageEditor
        key={draft}
        members={members}
        submitLabel={t('comments.reply')}
        onSubmit={(nodes) => {
          if (plainTextOf(nodes) === '') return
          postReply(plan, thread.id, me, nodes)
          setDraft((n) => n + 1)
        }}
      />
    </section>
  )
}
