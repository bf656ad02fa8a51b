import { useCallback, useMemo, useState } from 'react'
import type { Item } from '@glideapps/glide-data-grid'
import type { CommentAnchor, CommentThread, GapFlag } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS } from '../plan-view/board-view.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
import type { Identity } from '../identity/identity.js'
import type { PlanLive } from '../sync/plan-session.js'
import { flagDraftAt } from '../flags/flag-draft-at.js'
import { useFlags } from '../flags/use-flags.js'
import { anchorKey } from './anchor-key.js'
import { anchorOf } from './anchor-of.js'
import type { CellMenuRequest } from './cell-menu.js'
import type { DiscussionPane } from '../plan-view/discussion-pane.js'
import type { MentionNotice } from './mention-notices.js'
import { mentionNotices } from './mention-notices.js'
import { isUnread } from './is-unread.js'
import { pointerOf } from './pointer-of.js'
import { threadCounts } from './thread-counts.js'
import { useMembers } from './use-members.js'
import { useReadMarks } from './use-read-marks.js'
import { useThreads } from './use-threads.js'

/** The frozen column that carries a row thread's corner mark. */
const SKU_COLUMN = 1

/** Everything the board needs for comments and flags: data, the side panel and grid actions. */
export interface Discussion {
  threads: CommentThread[]
  flags: GapFlag[]
  members: PlanMember[]
  marks: Record<string, string>
  markRead: (threadId: string, at: string) => void
  counts: Map<string, number>
  notices: MentionNotice[]
  unreadThreads: number
  pane: DiscussionPane
  setPane: (pane: DiscussionPane) => void
  /** The thread count shown in the corner of a grid location. */
  countAt: (item: Item) => number
  /** Opens a new thread on a grid location (or the first thread already there). */
  commentAt: (item: Item) => void
  menuAt: (item: Item, x: number, y: number) => CellMenuRequest | undefined
  jumpTo: (anchor: CommentAnchor) => void
  threadOfFlag: (flag: GapFlag) => string | undefined
}

export function useDiscussion(
  view: BoardView,
  live: PlanLive,
  identity: Identity,
  onJump: (jump: JumpRequest) => void,
): Discussion {
  const planId = live.provider.roomname
  const threads = useThreads(live.plan)
  const flags = useFlags(live.plan)
  const members = useMembers(planId)
  const { marks, markRead } = useReadMarks(planId)
  const [pane, setPane] = useState<DiscussionPane>({ kind: 'closed' })
  const me = identity.userId
  const counts = useMemo(() => threadCounts(threads), [threads])
  const notices = useMemo(() => mentionNotices(threads, me, marks), [threads, me, marks])
  const unreadThreads = threads.filter((thread) => isUnread(thread, me, marks[thread.id])).length

  const countAt = useCallback(
    (item: Item) => {
      if (item[0] < FROZEN_COLUMNS && item[0] !== SKU_COLUMN) return 0
      const anchor = anchorOf(view, item)
      return anchor ? (counts.get(anchorKey(anchor)) ?? 0) : 0
    },
    [view, counts],
  )
  const commentAt = useCallback(
    (item: Item) => {
      const anchor = anchorOf(view, item)
      if (!anchor) return
      const existing = threads.find(
        (thread) => thread.anchor && anchorKey(thread.anchor) === anchorKey(anchor),
      )
      setPane(existing ? { kind: 'threads', threadId: existing.id } : { kind: 'newThread', anchor })
    },
    [view, threads],
  )
  const menuAt = useCallback(
    (item: Item, x: number, y: number): CellMenuRequest | undefined => {
      const anchor = anchorOf(view, item)
      if (!anchor) return undefined
      const thread = threads.find((t) => t.anchor && anchorKey(t.anchor) === anchorKey(anchor))
      const draft = flagDraftAt(live.model, anchor, thread?.id ?? '')
      return {
        x,
        y,
        canFlag: identity.role !== 'viewer' && anchor.period !== undefined,
        inGap: draft.kind !== 'dataQuestion',
        onComment: () => commentAt(item),
        onFlag: () => setPane({ kind: 'newFlag', draft }),
      }
    },
    [view, live.model, threads, identity.role, commentAt],
  )
  const jumpTo = useCallback(
    (anchor: CommentAnchor) => onJump({ pointer: pointerOf(anchor, view.axis) }),
    [onJump, view.axis],
  )
  const threadOfFlag = useCallback(
    (flag: GapFlag) => {
      if (flag.threadId && threads.some((t) => t.id === flag.threadId)) return flag.threadId
      const cells = new Set(flag.cells.map(anchorKey))
      return threads.find((t) => t.anchor && cells.has(anchorKey(t.anchor)))?.id
    },
    [threads],
  )
  return {
    threads,
    flags,
    members,
    marks,
    markRead,
    counts,
    notices,
    unreadThreads,
    pane,
    setPane,
    countAt,
    commentAt,
    menuAt,
    jumpTo,
    threadOfFlag,
  }
}
