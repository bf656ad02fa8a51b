import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'

/** Where a thread is anchored: a cell (with period) or a whole SKU row (without). */
export interface CommentAnchor {
  measure: 'demand' | 'supply' | 'capacity' | 'projected'
  key: string
  period?: number
}

/** Thread fields in its Y.Map, and their JSON types. `messages` is a nested Y.Map. */
export const THREAD_FIELDS = {
  anchor: 'object',
  createdBy: 'string',
  createdAt: 'string',
  resolved: 'boolean',
  resolvedBy: 'string',
  resolvedAt: 'string',
} as const

/** Message fields in its Y.Map. `body` is a Y.XmlText bound to a Slate editor. */
export const MESSAGE_FIELDS = {
  author: 'string',
  createdAt: 'string',
  editedAt: 'string',
  deleted: 'boolean',
  mentions: 'object',
} as const

/** A thread as the UI reads it. */
export interface CommentThread {
  id: string
  anchor: CommentAnchor
  createdBy: string
  createdAt: string
  resolved: boolean
  resolvedBy?: string
  resolvedAt?: string
  messages: CommentMessage[]
}

/** One message of a thread; the body is the Slate tree's Y.XmlText. */
export interface CommentMessage {
  id: string
  author: string
  createdAt: string
  editedAt?: string
  deleted: boolean
  mentions: string[]
  body: Y.XmlText
}

/**
 * Starts a thread with its first message, in one transaction. The body starts empty; the
 * editor binding (slate-yjs) or `insertPlainText` fills it.
 */
export function startThread(
  plan: PlanDoc,
  thread: { id: string; anchor: CommentAnchor; author: string; now: string },
  message: { id: string; mentions?: string[] },
): Y.XmlText {
  let body = new Y.XmlText()
  plan.doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('anchor', thread.anchor)
    map.set('createdBy', thread.author)
    map.set('createdAt', thread.now)
    map.set('resolved', false)
    map.set('messages', new Y.Map<Y.Map<unknown>>())
    plan.comments.set(thread.id, map)
    body = addMessage(plan, thread.id, {
      id: message.id,
      author: thread.author,
      now: thread.now,
      mentions: message.mentions,
    })
  })
  return body
}

/** Adds a message to a thread and returns its (empty) body. */
export function addMessage(
  plan: PlanDoc,
  threadId: string,
  message: { id: string; author: string; now: string; mentions?: string[] },
): Y.XmlText {
  const thread = plan.comments.get(threadId)
  const messages = thread instanceof Y.Map ? thread.get('messages') : undefined
  if (!(messages instanceof Y.Map)) throw new Error(`No thread ${threadId}`)
  const map = new Y.Map<unknown>()
  const body = new Y.XmlText()
  plan.doc.transact(() => {
    map.set('author', message.author)
    map.set('createdAt', message.now)
    map.set('deleted', false)
    map.set('mentions', message.mentions ?? [])
    map.set('body', body)
    messages.set(message.id, map)
  })
  return body
}

/** Resolves or reopens a thread. */
export function setThreadResolved(
  plan: PlanDoc,
  threadId: string,
  resolved: boolean,
  by: string,
  now: string,
): void {
  const thread = plan.comments.get(threadId)
  if (!(thread instanceof Y.Map)) throw new Error(`No thread ${threadId}`)
  plan.doc.transact(() => {
    thread.set('resolved', resolved)
    thread.set('resolvedBy', by)
    thread.set('resolvedAt', now)
  })
}

/** Reads every thread, oldest message first. */
export function readThreads(plan: PlanDoc): CommentThread[] {
  const threads: CommentThread[] = []
  plan.comments.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const messagesMap = value.get('messages')
    const messages: CommentMessage[] = []
    if (messagesMap instanceof Y.Map) {
      messagesMap.forEach((m, messageId) => {
        if (!(m instanceof Y.Map)) return
        const body = m.get('body')
        if (!(body instanceof Y.XmlText)) return
        messages.push({
          id: messageId,
          author: String(m.get('author') ?? ''),
          createdAt: String(m.get('createdAt') ?? ''),
          editedAt: m.get('editedAt') as string | undefined,
          deleted: m.get('deleted') === true,
          mentions: (m.get('mentions') as string[] | undefined) ?? [],
          body,
        })
      })
    }
    messages.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    threads.push({
      id,
      anchor: value.get('anchor') as CommentAnchor,
      createdBy: String(value.get('createdBy') ?? ''),
      createdAt: String(value.get('createdAt') ?? ''),
      resolved: value.get('resolved') === true,
      resolvedBy: value.get('resolvedBy') as string | undefined,
      resolvedAt: value.get('resolvedAt') as string | undefined,
      messages,
    })
  })
  return threads.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  )
}
