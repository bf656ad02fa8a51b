import * as Y from 'yjs'
import type { PlanMeta } from '../plan-meta.js'
import { PlanDoc } from '../plan-doc.js'
import { isMeasure, isRootName } from '../roots.js'
import { checkCellEdit } from './check-cell-edit.js'
import type { FreshDiscussion, Writer } from './check-discussion-write.js'
import {
  checkCommentWrite,
  checkDiscussionDeletion,
  checkFlagWrite,
} from './check-discussion-write.js'
import { checkItemWrite } from './check-item-write.js'
import { checkMeasureWrite, incompleteRow } from './check-measure-write.js'
import { checkMetaWrite } from './check-meta-write.js'
import { periodIndex, placeKey } from './item-content.js'
import type { Place } from './place-resolver.js'
import { PlaceResolver } from './place-resolver.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** Who sends an update, as far as the rules care. */
export interface UpdateContext {
  role: Role
  /** Whether the sender may write structs under this clientID; absent means any. */
  ownsClient?: (clientId: number) => boolean
  /** The sender's user id, for the rules on comment and flag authorship. */
  userId?: string
}

/**
 * The verdict on one update: accepted, with the count of new structs and the clientIDs they
 * were written under, or the first violation.
 */
export type UpdateCheck =
  { ok: true; structs: number; clients: number[] } | { ok: false; violation: RuleViolation }

/**
 * Decodes an update and checks every new struct and every deletion it carries against the
 * plan's layout and rules, without applying it. Pure: the live document is only read.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, context: UpdateContext): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return fail('malformed', 'The update could not be decoded', { root: '' })
  }
  const plan = new PlanDoc(doc)
  const meta = plan.readMeta()
  const resolver = new PlaceResolver(doc, decoded.structs)
  const written = new Set<string>()
  const newItems = new Set<string>()
  const checked: { item: Y.Item; place: Place }[] = []
  const clients = new Set<number>()
  let count = 0
  let lastClient = -1
  let nextClock = 0

  for (const struct of decoded.structs) {
    // Yjs never encodes an empty struct, and applying one corrupts the document's store.
    if (struct.length < 1)
      return fail('malformed', 'The update holds an empty struct', { root: '' })
    if (struct instanceof Y.Skip) continue
    const { client, clock } = struct.id
    const known = Y.getState(doc.store, client)
    if (client !== lastClient) {
      lastClient = client
      nextClock = known
    }
    if (clock > nextClock)
      return fail('missingHistory', 'The update depends on edits the server does not have', {
        root: '',
      })
    nextClock = Math.max(nextClock, clock + struct.length)
    if (struct instanceof Y.Item && !resolver.referencesExist(struct))
      return fail('badStructure', 'The update refers to content the plan does not have', {
        root: '',
      })
    // Decoding a struct creates the root it names, even when the struct is already known.
    if (struct instanceof Y.Item && typeof struct.parent === 'string' && !isRootName(struct.parent))
      return fail('unknownRoot', `"${struct.parent}" is not part of a plan`, {
        root: struct.parent,
      })
    if (clock + struct.length <= known) continue
    if (context.ownsClient && !context.ownsClient(client)) {
      return fail('foreignClient', `Client ${client} belongs to another user`, { root: '' })
    }
    clients.add(client)
    if (!(struct instanceof Y.Item)) continue
    const place = resolver.placeOf(struct)
    if (!place)
      return fail('badStructure', 'The update refers to content the plan does not have', {
        root: '',
      })
    count++
    written.add(placeKey(place))
    if (place.root === 'items' && place.keys.length === 1) newItems.add(place.keys[0])
    checked.push({ item: struct, place })
  }
  const writer: Writer = { role: context.role, userId: context.userId ?? '' }
  const fresh = freshDiscussion(checked)
  for (const { item, place } of checked) {
    const found =
      place.root === 'comments'
        ? checkCommentWrite(plan, writer, place, item, fresh)
        : place.root === 'flags'
          ? checkFlagWrite(plan, writer, place, item)
          : checkWrite(plan, meta, context.role, place, item, newItems)
    if (found) return { ok: false, violation: found }
  }
  const incomplete = incompleteRow(checked, meta.periodCount)
  if (incomplete) return { ok: false, violation: incomplete }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len;) {
        const fresh = resolver.updateItem(client, clock)
        const target = fresh ?? resolver.liveStruct(client, clock)
        if (!target)
          return fail('forbiddenDeletion', 'The update deletes content the plan does not have', {
            root: '',
          })
        clock = target.id.clock + target.length
        if (fresh || !(target instanceof Y.Item) || target.deleted) continue
        const place = resolver.placeOf(target)
        if (!place)
          return fail('badStructure', 'The update deletes content that cannot be placed', {
            root: '',
          })
        const found =
          place.root === 'comments' || place.root === 'flags'
            ? written.has(placeKey(place))
              ? undefined
              : checkDiscussionDeletion(plan, writer, place)
            : checkDeletion(meta, context.role, place, written)
        if (found) return { ok: false, violation: found }
      }
    }
  }
  return { ok: true, structs: count, clients: [...clients] }
}

/** Authors of the messages an update creates, so their bodies can be written in the same update. */
function freshDiscussion(checked: { item: Y.Item; place: Place }[]): FreshDiscussion {
  const messageAuthors = new Map<string, unknown>()
  for (const { item, place } of checked) {
    const [threadId, field, messageId, messageField] = place.keys
    if (place.root !== 'comments' || place.keys.length !== 4 || field !== 'messages') continue
    if (messageField === 'author' && place.parentFresh && item.content instanceof Y.ContentAny) {
      messageAuthors.set(`${threadId}/${messageId}`, item.content.arr[0])
    }
  }
  return { messageAuthors }
}

function checkWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  place: Place,
  item: Y.Item,
  newItems: Set<string>,
): RuleViolation | undefined {
  const { root, keys } = place
  const at = { root, key: keys[0] }
  if (!isRootName(root))
    return violation('unknownRoot', `"${root}" is not part of a plan`, { root })
  const isCell = isMeasure(root) && keys.length === 3 && keys[1] === 'edits'
  if (!isCell && !roleMayWrite(role, root))
    return violation('forbiddenRole', `A ${role} may not change ${root}`, at)
  const isStatusChange = root === 'meta' && keys[0] === 'status' && keys.length === 1
  if (meta.status === 'approved' && !(isStatusChange && role === 'planner')) {
    return violation(
      'planApproved',
      `The plan is approved and read-only (${root} ${keys[0] ?? ''})`,
      at,
    )
  }
  if (root === 'meta') return checkMetaWrite(meta, keys, item)
  if (root === 'items') return checkItemWrite(plan, meta, keys, item)
  if (isMeasure(root)) return checkMeasureWrite(plan, meta, role, root, place, item, newItems)
  return violation('unknownRoot', `"${root}" is not part of a plan`, at)
}

function checkDeletion(
  meta: PlanMeta,
  role: Role,
  place: Place,
  written: Set<string>,
): RuleViolation | undefined {
  const last = place.keys[place.keys.length - 1]
  if (last !== '#' && written.has(placeKey(place))) return undefined
  const [key, part, period] = place.keys
  if (isMeasure(place.root) && place.keys.length === 3 && part === 'edits') {
    return checkCellEdit(meta, role, place.root, key, periodIndex(period), undefined)
  }
  return violation('forbiddenDeletion', `${place.root} ${place.keys.join(' ')} cannot be deleted`, {
    root: place.root,
    key,
  })
}

function fail(
  code: RuleViolation['code'],
  reason: string,
  place: RuleViolation['place'],
): UpdateCheck {
  return { ok: false, violation: violation(code, reason, place) }
}
