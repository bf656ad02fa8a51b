import { useEffect, useRef } from 'react'
import type { TFunction } from 'i18next'
import type { BoardView } from '../plan-view/board-view.js'
import { columnOfPeriod } from '../plan-view/board-view.js'
import type { JumpRequest } from '../plan-view/jump-request.js'
import type { Discussion } from '../comments/use-discussion.js'
import { parseBoardLink, withoutLink } from '../navigation/board-link.js'
import type { BoardLink } from '../navigation/board-link.js'
import type { Notify } from '../notices/use-notices.js'
import type { BoardVersions } from '../versions/use-board-versions.js'
import { listVersions } from '../versions/versions-api.js'

interface LinkTargets {
  planId: string
  view: BoardView
  discussion: Discussion
  versions: BoardVersions
  jump: (request: JumpRequest) => void
  openVersions: () => void
  openMeeting: () => void
  openCycle: () => void
  notify: Notify
  t: TFunction
}

/**
 * Follows the link the board was opened with, once: selects the cell, opens the thread (and
 * selects its cell), the flag (and its first cell), the version (read-only, with the versions
 * panel open), a meeting action (the Meeting panel) or the S&OP cycle panel. The link's parameters then leave the address bar, so a reload does not repeat it.
 */
export function useOpenedLink(targets: LinkTargets): void {
  const followed = useRef(false)
  const latest = useRef(targets)
  latest.current = targets
  useEffect(() => {
    if (followed.current) return
    followed.current = true
    const link = parseBoardLink(location.search)
    if (!link) return
    history.replaceState(history.state, '', `${location.pathname}${withoutLink(location.search)}`)
    follow(link, latest.current)
  }, [])
}

function follow(link: BoardLink, targets: LinkTargets): void {
  const { view, discussion, jump, notify, t } = targets
  const missing = () => notify(t(`links.missing.${link.kind}`), 'error')
  switch (link.kind) {
    case 'cell': {
      if (!view.layout.indexOf.has(link.row)) return notify(t('links.hidden'), 'error')
      const column = view.axis.bucketOfPeriod[link.period]
      if (column === undefined) return missing()
      return jump({ pointer: { row: link.row, col: columnOfPeriod(column) } })
    }
    case 'thread': {
      const thread = discussion.threads.find((candidate) => candidate.id === link.id)
      if (!thread) return missing()
      discussion.setPane({ kind: 'threads', threadId: thread.id })
      if (thread.anchor) discussion.jumpTo(thread.anchor)
      return
    }
    case 'flag': {
      const flag = discussion.flags.find((candidate) => candidate.id === link.id)
      if (!flag) return missing()
      discussion.setPane({ kind: 'flags', flagId: flag.id })
      if (flag.cells[0]) discussion.jumpTo(flag.cells[0])
      return
    }
    case 'action':
      return targets.openMeeting()
    case 'cycle':
      return targets.openCycle()
    case 'version':
      listVersions(targets.planId).then(
        (versions) => {
          const version = versions.find((candidate) => candidate.id === link.id)
          if (!version) return missing()
          targets.openVersions()
          return targets.versions.open(version)
        },
        () => missing(),
      )
  }
}
