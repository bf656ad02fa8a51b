import * as Y from 'yjs'
import type { Descendant } from 'slate'
import type { CommentAnchor, PlanDoc } from '@tandem/shared'
import { addMessage, startThread } from '@tandem/shared'
import { mentionsIn } from './mentions-in.js'
import { newId } from '../plan-view/new-id.js'
import { writeBody } from './write-body.js'

/** Starts a thread on an anchor with its first message; returns the thread id. */
export function postThread(
  plan: PlanDoc,
  anchor: CommentAnchor,
  author: string,
  nodes: Descendant[],
): string {
  const id = newId('t')
  plan.doc.transact(() => {
    const body = startThread(
      plan,
      { id, anchor, author, now: new Date().toISOString() },
      { id: newId('m'), mentions: mentionsIn(nodes) },
    )
    writeBody(body, nodes)
  })
  return id
}

/** Adds a reply to a thread. */
export function postReply(plan: PlanDoc, threadId: string, author: string, nodes: Descendant[]) {
  plan.doc.transact(() => {
    const body = addMessage(plan, threadId, {
      id: newId('m'),
      author,
      now: new Date().toISOString(),
      mentions: mentionsIn(nodes),
    })
    writeBody(body, nodes)
  })
}

function messageMap(plan: PlanDoc, threadId: string, messageId: string): Y.Map<unknown> {
  const thread = plan.comments.get(threadId)
  const messages = thread instanceof Y.Map ? thread.get('messages') : undefined
  const message = messages instanceof Y.Map ? messages.get(messageId) : undefined
  if (!(message instanceof Y.Map)) throw new Error(`No message ${messageId}`)
  return message
}

/** Marks my edited message (its body was edited in place) and refreshes its mentions. */
export function markEdited(
  plan: PlanDoc,
  threadId: string,
  messageId: string,
  nodes: Descendant[],
) {
  const message = messageMap(plan, threadId, messageId)
  plan.doc.transact(() => {
    message.set('editedAt', new Date().toISOString())
    message.set('mentions', mentionsIn(nodes))
  })
}

/** Deletes my message: it stays in the thread as "deleted", its text removed. */
export function deleteMessage(plan: PlanDoc, threadId: string, messageId: string): void {
  const message = messageMap(plan, threadId, messageId)
  const body = message.get('body')
  plan.doc.transact(() => {
    message.set('deleted', true)
    if (body instanceof Y.XmlText && body.length > 0) body.delete(0, body.length)
  })
}
