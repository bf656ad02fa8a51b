import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommentAnchor, CommentThread, PlanDoc, Role } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import { bodyNodes } from './body-nodes.js'
import { isUnread } from './is-unread.js'
import { plainTextOf } from './plain-text-of.js'
import type { ThreadFilter } from './thread-filter.js'
import { filterThreads, THREAD_FILTERS } from './thread-filter.js'
import { ThreadView } from './thread-view.js'

interface CommentsPanelProps {
  plan: PlanDoc
  threads: CommentThread[]
  threadId: string | undefined
  me: string
  role: Role
  members: PlanMember[]
  marks: Record<string, string>
  onRead: (threadId: string, at: string) => void
  onOpen: (threadId: string | undefined) => void
  describe: (anchor: CommentAnchor) => string
  onJump: (anchor: CommentAnchor) => void
}

/** The threads of the plan, filtered, with the chosen one open below the list. */
export function CommentsPanel(props: CommentsPanelProps) {
  const { threads, me, marks } = props
  const { t } = useTranslation()
  const [filter, setFilter] = useState<ThreadFilter>('open')
  const shown = filterThreads(threads, filter, me)
  const open = threads.find((thread) => thread.id === props.threadId)
  return (
    <div className="comments-panel" data-testid="comments-panel">
      <div className="filter-tabs" role="tablist">
        {THREAD_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={f === filter}
            data-testid={`thread-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {t(`comments.filter.${f}`)}
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="muted">{t('comments.none')}</p>}
      <ul className="thread-list">
        {shown.map((thread) => {
          const first = thread.messages[0]
          const unread = isUnread(thread, me, marks[thread.id])
          return (
            <li key={thread.id}>
              <button
                type="button"
                className={thread.id === props.threadId ? 'thread-item selected' : 'thread-item'}
                data-testid="thread-item"
                data-thread={thread.id}
                data-unread={unread}
                onClick={() => {
                  props.onOpen(thread.id)
                  if (thread.anchor) props.onJump(thread.anchor)
                }}
              >
                {unread && <span className="unread-dot" aria-label={t('comments.unread')} />}
                <span className="thread-anchor">
                  {thread.anchor && props.describe(thread.anchor)}
                </span>
                <span className="thread-preview">
                  {first && !first.deleted ? plainTextOf(bodyNodes(first.body)).slice(0, 80) : ''}
                </span>
                <span className="muted">
                  {t('comments.messageCount', { count: thread.messages.length })}
                  {thread.resolved ? ` · ${t('comments.resolved')}` : ''}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
      {open && (
        <ThreadView
          key={open.id}
          plan={props.plan}
          thread={open}
          me={me}
          role={props.role}
          members={props.members}
          readMark={marks[open.id]}
          onRead={(at) => props.onRead(open.id, at)}
          anchorLabel={open.anchor ? props.describe(open.anchor) : ''}
          onJump={() => open.anchor && props.onJump(open.anchor)}
        />
      )}
    </div>
  )
}
