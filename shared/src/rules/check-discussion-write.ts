import * as Y from 'yjs'
import { MESSAGE_FIELDS, THREAD_FIELDS } from '../comments/comment-thread.js'
import { isSafeUrl } from '../comments/safe-url.js'
import { FLAG_FIELDS, FLAG_KINDS, FLAG_SEVERITIES, FLAG_STATUSES } from '../flags/gap-flag.js'
import { isValidId } from '../ids.js'
import type { PlanDoc } from '../plan-doc.js'
import { deleted, isType, singleValue } from './item-content.js'
import type { Place } from './place-resolver.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** Who writes, for the rules on comments and flags. */
export interface Writer {
  role: Role
  userId: string
}

/** What an update creates in `comments` and `flags`, gathered before its writes are checked. */
export interface FreshDiscussion {
  /** Authors of messages created by this update, by `threadId/messageId`. */
  messageAuthors: Map<string, unknown>
}

/** Attribute keys of Slate elements and marks that hold a link target. */
const LINK_KEYS = new Set(['url', 'href', 'link', 'src'])
const MAX_TEXT = 20_000

/**
 * Checks a write into `comments`: anyone may start a thread or add a message; only a message's
 * author edits or deletes it; any editor (not a viewer) may resolve or reopen a thread; link
 * targets must be http, https or mailto.
 */
export function checkCommentWrite(
  plan: PlanDoc,
  writer: Writer,
  place: Place,
  item: Y.Item,
  fresh: FreshDiscussion,
): RuleViolation | undefined {
  const [threadId, field, messageId, messageField] = place.keys
  const at = { root: 'comments', key: threadId, field }
  if (!isValidId(threadId))
    return violation('badStructure', `"${threadId}" is not a valid thread id`, at)
  if (place.keys.length === 1) {
    if (!isType(item, Y.Map))
      return violation('badStructure', `Thread ${threadId} must be a map`, at)
    if (plan.comments.has(threadId))
      return violation('badStructure', `Thread ${threadId} already exists`, at)
    return undefined
  }
  if (place.keys.length === 2) {
    if (field === 'messages') {
      return place.parentFresh && isType(item, Y.Map)
        ? undefined
        : violation('badStructure', `The messages of thread ${threadId} cannot be replaced`, at)
    }
    if (!Object.hasOwn(THREAD_FIELDS, field))
      return violation('badStructure', `Unknown thread field "${field}"`, at)
    const value = singleValue(item)
    if (field === 'resolved' || field === 'resolvedBy' || field === 'resolvedAt') {
      if (!place.parentFresh && writer.role === 'viewer') {
        return violation(
          'forbiddenRole',
          `A viewer may not resolve or reopen thread ${threadId}`,
          at,
        )
      }
      if (value === deleted) return undefined
      if (field === 'resolved' && typeof value !== 'boolean')
        return violation('badValue', 'resolved must be true or false', at)
      if (field === 'resolvedBy' && value !== writer.userId)
        return violation('badValue', 'resolvedBy must be you', at)
      if (field === 'resolvedAt' && !isTimestamp(value))
        return violation('badValue', 'resolvedAt must be a timestamp', at)
      return undefined
    }
    if (!place.parentFresh || value === deleted)
      return violation('badStructure', `The ${field} of thread ${threadId} is fixed`, at)
    if (field === 'createdBy' && value !== writer.userId)
      return violation('badValue', 'createdBy must be you', at)
    if (field === 'createdAt' && !isTimestamp(value))
      return violation('badValue', 'createdAt must be a timestamp', at)
    if (field === 'anchor' && !isAnchor(value))
      return violation('badValue', 'anchor must name a measure, a key and maybe a period', at)
    return undefined
  }
  if (field !== 'messages' || !isValidId(messageId))
    return violation('badStructure', `Unexpected content in thread ${threadId}`, at)
  const messageAt = { root: 'comments', key: threadId, field: messageId }
  if (place.keys.length === 3) {
    if (!isType(item, Y.Map))
      return violation('badStructure', `Message ${messageId} must be a map`, messageAt)
    if (messageMap(plan, threadId, messageId))
      return violation('badStructure', `Message ${messageId} already exists`, messageAt)
    return undefined
  }
  const author =
    fresh.messageAuthors.get(`${threadId}/${messageId}`) ??
    messageMap(plan, threadId, messageId)?.get('author')
  if (author !== writer.userId) {
    return violation(
      'forbiddenRole',
      `Only its author may change message ${messageId} of thread ${threadId}`,
      messageAt,
    )
  }
  if (place.keys.length === 4) {
    if (messageField === 'body') {
      return place.parentFresh && isType(item, Y.XmlText)
        ? undefined
        : violation(
            'badStructure',
            `The body of message ${messageId} cannot be replaced`,
            messageAt,
          )
    }
    if (!Object.hasOwn(MESSAGE_FIELDS, messageField))
      return violation('badStructure', `Unknown message field "${messageField}"`, messageAt)
    const value = singleValue(item)
    if (
      (messageField === 'author' || messageField === 'createdAt') &&
      (!place.parentFresh || value === deleted)
    ) {
      return violation(
        'badStructure',
        `The ${messageField} of message ${messageId} is fixed`,
        messageAt,
      )
    }
    if (value === deleted) return undefined
    const kind = MESSAGE_FIELDS[messageField as keyof typeof MESSAGE_FIELDS]
    if (typeof value !== kind)
      return violation('badValue', `Message ${messageField} must be a ${kind}`, messageAt)
    if (
      messageField === 'mentions' &&
      !(Array.isArray(value) && value.length <= 50 && value.every((v) => typeof v === 'string'))
    ) {
      return violation('badValue', 'mentions must be a list of user ids', messageAt)
    }
    if ((messageField === 'createdAt' || messageField === 'editedAt') && !isTimestamp(value)) {
      return violation('badValue', `${messageField} must be a timestamp`, messageAt)
    }
    return undefined
  }
  if (messageField !== 'body')
    return violation('badStructure', `Unexpected content in message ${messageId}`, messageAt)
  return checkRichText(place, item, messageAt)
}

/** Rich text: strings, formatting and nested elements; link targets only http, https, mailto. */
function checkRichText(
  place: Place,
  item: Y.Item,
  at: RuleViolation['place'],
): RuleViolation | undefined {
  const content = item.content
  const key = place.keys[place.keys.length - 1]
  if (content instanceof Y.ContentDeleted) return undefined
  if (content instanceof Y.ContentString) {
    return content.str.length <= MAX_TEXT
      ? undefined
      : violation('badValue', 'The comment is too long', at)
  }
  if (content instanceof Y.ContentFormat) {
    if (LINK_KEYS.has(content.key) && content.value !== null && !isSafeLink(content.value)) {
      return violation('badValue', 'Links may only use http, https or mailto', at)
    }
    return undefined
  }
  if (content instanceof Y.ContentType) {
    return content.type instanceof Y.XmlText
      ? undefined
      : violation('badStructure', 'Comments hold rich text only', at)
  }
  if (content instanceof Y.ContentAny) {
    if (LINK_KEYS.has(key) && !content.arr.every((value) => value === null || isSafeLink(value))) {
      return violation('badValue', 'Links may only use http, https or mailto', at)
    }
    return JSON.stringify(content.arr).length <= MAX_TEXT
      ? undefined
      : violation('badValue', 'The comment is too long', at)
  }
  return violation('badStructure', 'Comments hold rich text only', at)
}

/**
 * Checks a write into `flags`: editors (not viewers) create flags; the owner, the creator or a
 * planner moves a flag's status; the creator or a planner changes its other fields.
 */
export function checkFlagWrite(
  plan: PlanDoc,
  writer: Writer,
  place: Place,
  item: Y.Item,
): RuleViolation | undefined {
  const [flagId, field] = place.keys
  const at = { root: 'flags', key: flagId, field }
  if (!isValidId(flagId)) return violation('badStructure', `"${flagId}" is not a valid flag id`, at)
  if (writer.role === 'viewer') return violation('forbiddenRole', 'A viewer may not flag gaps', at)
  if (place.keys.length === 1) {
    if (!isType(item, Y.Map)) return violation('badStructure', `Flag ${flagId} must be a map`, at)
    if (plan.flags.has(flagId))
      return violation('badStructure', `Flag ${flagId} already exists`, at)
    return undefined
  }
  if (place.keys.length !== 2 || !Object.hasOwn(FLAG_FIELDS, field))
    return violation('badStructure', `Unknown flag field "${field}"`, at)
  const existing = plan.flags.get(flagId)
  if (!place.parentFresh) {
    if (!(existing instanceof Y.Map)) return violation('badStructure', `No flag ${flagId}`, at)
    const mayAll = writer.role === 'planner' || existing.get('createdBy') === writer.userId
    const mayStatus = mayAll || existing.get('owner') === writer.userId
    if (field === 'createdBy' || field === 'createdAt')
      return violation('badStructure', `The ${field} of flag ${flagId} is fixed`, at)
    if (!(field === 'status' ? mayStatus : mayAll)) {
      return violation(
        'forbiddenRole',
        `Only the flag's creator, owner or a planner may change its ${field}`,
        at,
      )
    }
  }
  const value = singleValue(item)
  if (value === deleted) {
    return field === 'createdBy' || field === 'createdAt'
      ? violation('badStructure', `The ${field} of flag ${flagId} is fixed`, at)
      : undefined
  }
  const bad = (reason: string) => violation('badValue', reason, at)
  if (typeof value !== FLAG_FIELDS[field as keyof typeof FLAG_FIELDS])
    return bad(`Flag ${field} has the wrong type`)
  switch (field) {
    case 'kind':
      return (FLAG_KINDS as readonly unknown[]).includes(value)
        ? undefined
        : bad(`kind must be one of ${FLAG_KINDS.join(', ')}`)
    case 'severity':
      return (FLAG_SEVERITIES as readonly unknown[]).includes(value)
        ? undefined
        : bad('severity must be high, medium or low')
    case 'status':
      return (FLAG_STATUSES as readonly unknown[]).includes(value)
        ? undefined
        : bad('status must be open, inProgress or resolved')
    case 'dueDate':
      return value === '' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        ? undefined
        : bad('dueDate must be YYYY-MM-DD')
    case 'createdBy':
      return value === writer.userId ? undefined : bad('createdBy must be you')
    case 'createdAt':
      return isTimestamp(value) ? undefined : bad('createdAt must be a timestamp')
    case 'cells':
      return Array.isArray(value) && value.length <= 1000 && value.every(isAnchor)
        ? undefined
        : bad('cells must be a list of cells')
    case 'note':
      return (value as string).length <= 2000 ? undefined : bad('The note is too long')
    default:
      return (value as string).length <= 200 ? undefined : bad(`${field} is too long`)
  }
}

/**
 * Deletions in `comments` and `flags`: a message's author may delete it or any of its content;
 * a flag's creator or a planner may delete the flag (its fields go with it).
 */
export function checkDiscussionDeletion(
  plan: PlanDoc,
  writer: Writer,
  place: Place,
): RuleViolation | undefined {
  const [id, field, messageId] = place.keys
  if (place.root === 'comments' && field === 'messages' && messageId) {
    if (messageMap(plan, id, messageId)?.get('author') === writer.userId) return undefined
    return violation('forbiddenDeletion', `Only its author may delete message ${messageId}`, {
      root: 'comments',
      key: id,
      field: messageId,
    })
  }
  if (place.root === 'flags') {
    const flag = plan.flags.get(id)
    const creator = flag instanceof Y.Map ? flag.get('createdBy') : undefined
    if (writer.role === 'planner' || creator === writer.userId) return undefined
  }
  return violation('forbiddenDeletion', `${place.root} ${place.keys.join(' ')} cannot be deleted`, {
    root: place.root,
    key: id,
  })
}

function messageMap(
  plan: PlanDoc,
  threadId: string,
  messageId: string,
): Y.Map<unknown> | undefined {
  const thread = plan.comments.get(threadId)
  const messages = thread instanceof Y.Map ? thread.get('messages') : undefined
  const message = messages instanceof Y.Map ? messages.get(messageId) : undefined
  return message instanceof Y.Map ? message : undefined
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
}

function isSafeLink(value: unknown): boolean {
  if (typeof value === 'object' && value !== null && 'url' in value)
    return isSafeUrl((value as { url: unknown }).url)
  if (typeof value === 'object' && value !== null && 'href' in value)
    return isSafeUrl((value as { href: unknown }).href)
  return isSafeUrl(value)
}

function isAnchor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { measure, key, period } = value as { measure?: unknown; key?: unknown; period?: unknown }
  return (
    ['demand', 'supply', 'capacity', 'projected'].includes(measure as string) &&
    isValidId(key) &&
    (period === undefined || (Number.isInteger(period) && (period as number) >= 0))
  )
}
