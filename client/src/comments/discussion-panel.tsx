import { useTranslation } from 'react-i18next'
import type { GapFlag } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import type { Identity } from '../identity/identity.js'
import { FlagForm } from '../flags/flag-form.js'
import { FlagsPanel } from '../flags/flags-panel.js'
import { CommentsPanel } from './comments-panel.js'
import { describeAnchor } from './describe-anchor.js'
import type { Discussion } from './use-discussion.js'
import { NewThread } from './new-thread.js'
import { NotificationList } from './notification-list.js'

interface DiscussionPanelProps {
  discussion: Discussion
  view: BoardView
  identity: Identity
}

/** The side panel: threads, a new thread, my notifications, the flags or a new flag. */
export function DiscussionPanel({ discussion, view, identity }: DiscussionPanelProps) {
  const { t } = useTranslation()
  const { pane, setPane, threads } = discussion
  if (pane.kind === 'closed') return null
  const me = identity.userId
  const describe = (anchor: Parameters<typeof describeAnchor>[1]) => describeAnchor(view, anchor)
  const describeCells = (cells: GapFlag['cells']) => {
    const first = cells[0]
    const last = cells[cells.length - 1]
    if (!first) return ''
    const label = describe(first)
    return cells.length > 1 && last
      ? `${label} … ${view.format.period(view.meta.periodKind, view.meta.firstPeriod, last.period)}`
      : label
  }
  const openThread = (threadId: string) => {
    setPane({ kind: 'threads', threadId })
    const anchor = threads.find((thread) => thread.id === threadId)?.anchor
    if (anchor) discussion.jumpTo(anchor)
  }
  const title =
    pane.kind === 'flags' || pane.kind === 'newFlag'
      ? t('flags.title')
      : pane.kind === 'notifications'
        ? t('comments.notifications')
        : t('comments.title')
  return (
    <aside className="discussion-panel" data-testid="discussion-panel" aria-label={title}>
      <div className="panel-head">
        <h2>{title}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="link-button"
          aria-label={t('comments.close')}
          onClick={() => setPane({ kind: 'closed' })}
        >
          ✕
        </button>
      </div>
      {pane.kind === 'threads' && (
        <CommentsPanel
          plan={view.plan}
          threads={threads}
          threadId={pane.threadId}
          me={me}
          role={identity.role}
          members={discussion.members}
          marks={discussion.marks}
          onRead={discussion.markRead}
          onOpen={(threadId) => setPane({ kind: 'threads', threadId })}
          describe={describe}
          onJump={discussion.jumpTo}
        />
      )}
      {pane.kind === 'newThread' && (
        <NewThread
          plan={view.plan}
          anchor={pane.anchor}
          anchorLabel={describe(pane.anchor)}
          me={me}
          members={discussion.members}
          onPosted={(threadId) => setPane({ kind: 'threads', threadId })}
          onCancel={() => setPane({ kind: 'threads' })}
        />
      )}
      {pane.kind === 'notifications' && (
        <NotificationList
          notices={discussion.notices}
          members={discussion.members}
          describeThread={(threadId) => {
            const anchor = threads.find((thread) => thread.id === threadId)?.anchor
            return anchor ? describe(anchor) : ''
          }}
          onOpen={openThread}
        />
      )}
      {pane.kind === 'flags' && (
        <FlagsPanel
          plan={view.plan}
          model={view.model}
          flags={discussion.flags}
          me={me}
          role={identity.role}
          members={discussion.members}
          describeCells={(flag) => describeCells(flag.cells)}
          threadOf={discussion.threadOfFlag}
          onOpenThread={openThread}
          onJump={(flag) => flag.cells[0] && discussion.jumpTo(flag.cells[0])}
          selected={pane.flagId}
        />
      )}
      {pane.kind === 'newFlag' && (
        <FlagForm
          plan={view.plan}
          draft={pane.draft}
          cellsLabel={describeCells(pane.draft.cells)}
          me={me}
          members={discussion.members}
          onDone={() => setPane({ kind: 'flags' })}
        />
      )}
    </aside>
  )
}
