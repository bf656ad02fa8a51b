import type { InboxEntry } from '@tandem/shared'
import { linkSearch } from '../navigation/board-link.js'

/** Where an inbox item opens: its plan's board at the thread, the flag, the Meeting panel or the S&OP cycle panel. */
export function inboxLink(item: InboxEntry): string {
  const board = `/plans/${encodeURIComponent(item.planId)}`
  switch (item.kind) {
    case 'mention':
      return `${board}${linkSearch({ kind: 'thread', id: item.threadId })}`
    case 'flag':
      return `${board}${linkSearch({ kind: 'flag', id: item.flagId })}`
    case 'action':
      return `${board}${linkSearch({ kind: 'action', id: item.recordId })}`
    case 'signOff':
      return `${board}${linkSearch({ kind: 'cycle' })}`
  }
}
