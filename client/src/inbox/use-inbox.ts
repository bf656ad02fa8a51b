import { useCallback, useEffect, useState } from 'react'
import type { InboxEvent, InboxList } from '@tandem/shared'
import { getInbox, INBOX_EVENTS_PATH, markAllInboxRead, markInbox } from './inbox-api.js'

/** My inbox, kept current by the server's event stream, and what I can do with it. */
export interface Inbox {
  list: InboxList | undefined
  failed: boolean
  mark: (ids: string[], read: boolean) => void
  markAll: () => void
}

/**
 * Loads my inbox and follows GET /api/inbox/events: a mark made in any tab (or on another device)
 * flips the items here, a plan whose items changed reloads the list, and so does a reconnect.
 */
export function useInbox(): Inbox {
  const [list, setList] = useState<InboxList>()
  const [failed, setFailed] = useState(false)
  const load = useCallback(() => {
    getInbox().then(
      (next) => {
        setList(next)
        setFailed(false)
      },
      () => setFailed(true),
    )
  }, [])
  useEffect(() => {
    load()
    if (typeof EventSource === 'undefined') return
    const events = new EventSource(INBOX_EVENTS_PATH)
    let opened = false
    events.addEventListener('open', () => {
      // A reconnect may have missed events: read the list again.
      if (opened) load()
      opened = true
    })
    events.addEventListener('reads', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as InboxEvent
      if (event.kind === 'reads') setList((current) => current && applyReads(current, event))
    })
    events.addEventListener('changed', load)
    return () => events.close()
  }, [load])
  const mark = useCallback((ids: string[], read: boolean) => {
    setList((current) => current && applyReads(current, { ids, read }))
    void markInbox(ids, read).catch(() => setFailed(true))
  }, [])
  const markAll = useCallback(() => {
    setList(
      (current) =>
        current && { items: current.items.map((item) => ({ ...item, read: true })), unread: 0 },
    )
    void markAllInboxRead().catch(() => setFailed(true))
  }, [])
  return { list, failed, mark, markAll }
}

function applyReads(list: InboxList, event: { ids: string[]; read: boolean }): InboxList {
  const ids = new Set(event.ids)
  const items = list.items.map((item) => (ids.has(item.id) ? { ...item, read: event.read } : item))
  return { items, unread: items.filter((item) => !item.read).length }
}
