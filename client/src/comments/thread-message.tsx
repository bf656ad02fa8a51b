import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentMessage, PlanDoc } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { bodyNodes } from './body-nodes.js'
import { deleteMessage, markEdited } from './comment-writes.js'
import { MessageBody } from './message-body.js'
import { MessageEditor } from './message-editor.js'

interface ThreadMessageProps {
  plan: PlanDoc
  threadId: string
  message: CommentMessage
  me: string
  members: PlanMember[]
  unread: boolean
}

/** One message: author, time, body; its author may edit it in place or delete it. */
export function ThreadMessage({
  plan,
  threadId,
  message,
  me,
  members,
  unread,
}: ThreadMessageProps) {
  const { t, i18n } = useTranslation()
  const [editing, setEditing] = useState(false)
  const author = members.find((m) => m.id === message.author)?.name ?? message.author
  const time = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(message.createdAt))
  const mine = message.author === me && !message.deleted
  return (
    <li
      className={unread ? 'message unread' : 'message'}
      data-testid="message"
      data-author={message.author}
    >
      <div className="message-head">
        <strong>{author}</strong>
        <span className="muted">{time}</span>
        {message.editedAt && !message.deleted && (
          <span className="muted">{t('comments.edited')}</span>
        )}
        {mine && !editing && (
          <span className="message-actions">
            <button
              type="button"
              className="link-button"
              data-testid="message-edit"
              onClick={() => setEditing(true)}
            >
              {t('comments.edit')}
            </button>
            <button
              type="button"
              className="link-button"
              data-testid="message-delete"
              onClick={() => deleteMessage(plan, threadId, message.id)}
            >
              {t('comments.delete')}
            </button>
          </span>
        )}
      </div>
      {message.deleted ? (
        <p className="muted">{t('comments.deleted')}</p>
      ) : editing ? (
        <MessageEditor
          members={members}
          body={message.body}
          submitLabel={t('comments.done')}
          onSubmit={(nodes) => {
            markEdited(plan, threadId, message.id, nodes)
            setEditing(false)
          }}
        />
      ) : (
        <MessageBody nodes={bodyNodes(message.body)} />
      )}
    </li>
  )
}
