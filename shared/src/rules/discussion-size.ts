import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'
import type { Place } from './place-resolver.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** The most bytes one message body may hold (about 10,000 words of formatted text). */
export const MAX_MESSAGE_BYTES = 64 * 1024

/** What an update writes into one thread or flag: its place and an estimate of its bytes. */
export interface DiscussionWrite {
  root: 'comments' | 'flags'
  key: string
  bytes: number
}

/** What a struct costs the document besides its content: its id, origins and info byte. */
const STRUCT_OVERHEAD = 8

/** The bytes an item adds to the document: its content, plus a fixed cost per struct. */
export function itemBytes(item: Y.Item): number {
  const content = item.content
  let bytes = 0
  if (content instanceof Y.ContentString) bytes = utf8Length(content.str)
  else if (content instanceof Y.ContentAny) bytes = jsonLength(content.arr)
  else if (content instanceof Y.ContentFormat)
    bytes = utf8Length(content.key) + jsonLength(content.value)
  else if (content instanceof Y.ContentEmbed) bytes = jsonLength(content.embed)
  else if (content instanceof Y.ContentBinary) bytes = content.content.byteLength
  else if (content instanceof Y.ContentJSON) bytes = jsonLength(content.arr)
  else if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement)
    bytes = utf8Length(content.type.nodeName)
  return bytes + STRUCT_OVERHEAD
}

/** The bytes an update writes into each thread and flag, in the order they first appear. */
export function discussionWrites(checked: { item: Y.Item; place: Place }[]): DiscussionWrite[] {
  const writes = new Map<string, DiscussionWrite>()
  for (const { item, place } of checked) {
    if (place.root !== 'comments' && place.root !== 'flags') continue
    const key = place.keys[0] ?? ''
    const id = `${place.root}\u0000${key}`
    const write = writes.get(id) ?? { root: place.root, key, bytes: 0 }
    write.bytes += itemBytes(item)
    writes.set(id, write)
  }
  return [...writes.values()]
}

/**
 * A message body that would hold more than `MAX_MESSAGE_BYTES` once the update applies: the
 * body's live content (formatting and nested elements included) plus what the update adds.
 */
export function oversizedMessage(
  plan: PlanDoc,
  checked: { item: Y.Item; place: Place }[],
): RuleViolation | undefined {
  const added = new Map<string, number>()
  for (const { item, place } of checked) {
    const [threadId, field, messageId, messageField] = place.keys
    if (place.root !== 'comments' || field !== 'messages' || messageField !== 'body') continue
    if (place.keys.length === 4) continue
    const key = `${threadId}\u0000${messageId}`
    added.set(key, (added.get(key) ?? 0) + itemBytes(item))
  }
  for (const [key, bytes] of added) {
    const [threadId, messageId] = key.split('\u0000')
    const total = bytes + liveBodyBytes(plan, threadId, messageId)
    if (total > MAX_MESSAGE_BYTES) {
      return violation(
        'messageTooLong',
        `Message ${messageId} of thread ${threadId} would hold ${total} bytes; a message holds at most ${MAX_MESSAGE_BYTES}`,
        { root: 'comments', key: threadId, field: messageId },
      )
    }
  }
  return undefined
}

function liveBodyBytes(plan: PlanDoc, threadId: string, messageId: string): number {
  const thread = plan.comments.get(threadId)
  const messages = thread instanceof Y.Map ? thread.get('messages') : undefined
  const message = messages instanceof Y.Map ? messages.get(messageId) : undefined
  const body = message instanceof Y.Map ? message.get('body') : undefined
  return body instanceof Y.AbstractType ? typeBytes(body) : 0
}

/** Every live item below a type, nested types included (bounded by the place depth rule). */
function typeBytes(type: Y.AbstractType<unknown>): number {
  let bytes = 0
  const count = (item: Y.Item) => {
    if (item.deleted) return
    bytes += itemBytes(item)
    if (item.content instanceof Y.ContentType) bytes += typeBytes(item.content.type)
  }
  for (let item = type._start; item !== null; item = item.right) count(item)
  for (const item of type._map.values()) count(item)
  return bytes
}

function jsonLength(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '')
}

/** UTF-8 length without an encoder: 1 to 3 bytes a UTF-16 unit, 4 for a surrogate pair. */
function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
