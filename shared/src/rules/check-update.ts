import * as Y from 'yjs'
import type { PlanMeta } from '../plan-meta.js'
import { PlanDoc } from '../plan-doc.js'
import type { Site } from '../sites/site.js'
import { siteListProblem } from '../sites/site.js'
import { isMeasure, isRootName } from '../roots.js'
import { checkCellEdit } from './check-cell-edit.js'
import type { FreshDiscussion, Writer } from './check-discussion-write.js'
import {
  checkCommentWrite,
  checkDiscussionDeletion,
  checkFlagWrite,
} from './check-discussion-write.js'
import { actualsPeriodIndex, checkActualValue } from './check-actual-value.js'
import { checkActualsWrite, isEditsPart } from './check-actuals-write.js'
import { checkCycleWrite } from './check-cycle-write.js'
import { checkDemandLock } from './check-demand-lock.js'
import { checkItemWrite } from './check-item-write.js'
import { checkMeetingDeletion, checkMeetingWrite } from './check-meeting-write.js'
import type { MeetingSession } from '../meeting/meeting-state.js'
import { isMeetingSession, readSession } from '../meeting/meeting-state.js'
import type { DiscussionWrite } from './discussion-size.js'
import { discussionWrites, oversizedMessage } from './discussion-size.js'
import { checkOverrideReason } from './check-override-reason.js'
import { checkMeasureWrite, incompleteRow } from './check-measure-write.js'
import { checkMetaWrite } from './check-meta-write.js'
import { deleted, notAValue, periodIndex, placeKey, singleValue } from './item-content.js'
import type { NormalizedUpdate } from './normalize-update.js'
import { normalizeUpdate } from './normalize-update.js'
import type { Place } from './place-resolver.js'
import { PlaceResolver } from './place-resolver.js'
import type { Role } from './role.js'
import { roleMayWrite } from './role.js'
import { checkSiteScope } from './check-site-scope.js'
import { checkTransfer } from './check-transfer.js'
import { isValidId } from '../ids.js'
import { parseOverrideReasonKey } from '../override-reasons/override-reason.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/** Who sends an update, as far as the rules care. */
export interface UpdateContext {
  role: Role
  /** Whether the sender may write structs under this clientID; absent means any. */
  ownsClient?: (clientId: number) => boolean
  /** The sender's user id, for the rules on comment and flag authorship. */
  userId?: string
  /**
   * The sites the sender's role is scoped to in this plan: cells, override reasons and
   * transfers of other sites are refused (`outOfScope`). Absent means every site.
   */
  sites?: readonly string[]
}

/**
 * The verdict on one update: accepted, with the count of new structs and the clientIDs they
 * were written under, or the first violation.
 */
export type UpdateCheck =
  | {
      ok: true
      structs: number
      clients: number[]
      update: Uint8Array
      /** The bytes written into each thread and flag, for per-user quotas. */
      discussion: DiscussionWrite[]
    }
  | { ok: false; violation: RuleViolation }

/**
 * Decodes an update, brings it into the shape Yjs will integrate (`normalizeUpdate`) and checks
 * every new struct and every deletion it carries against the plan's layout and rules, without
 * applying it. Pure: the live document is only read. An accepted verdict carries the bytes to
 * apply, which are what was checked.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, context: UpdateContext): UpdateCheck {
  const decoded = normalizeUpdate(doc, update)
  if (!decoded.ok) return decoded
  const plan = new PlanDoc(doc)
  let meta = plan.readMeta()
  const resolver = new PlaceResolver(doc, decoded.structs)
  const written = new Set<string>()
  const newItems = new Set<string>()
  const checked: { item: Y.Item; place: Place }[] = []
  const clients = new Set<number>()
  let count = 0

  for (const struct of decoded.structs) {
    const { client, clock } = struct.id
    const known = Y.getState(doc.store, client)
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
  const twice = secondValue(checked, decoded.ds)
  if (twice) return { ok: false, violation: twice }
  const sites = writtenSites(checked)
  if (sites) meta = { ...meta, sites }
  const writer: Writer = { role: context.role, userId: context.userId ?? '' }
  const fresh = freshDiscussion(checked, decoded.ds)
  const session = sessionAfter(doc, checked, decoded.ds)
  for (const { item, place } of checked) {
    const found =
      place.root === 'comments'
        ? checkCommentWrite(plan, writer, place, item, fresh)
        : place.root === 'flags'
          ? checkFlagWrite(plan, writer, place, item)
          : place.root === 'meeting'
            ? checkMeetingWrite(doc, meta, writer, session, place, item)
            : checkWrite(doc, plan, meta, context, place, item, newItems)
    if (found) return { ok: false, violation: found }
  }
  const oversized = oversizedMessage(plan, checked)
  if (oversized) return { ok: false, violation: oversized }
  const incomplete = incompleteRow(checked, meta)
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
          place.root === 'comments' || place.root === 'flags' || place.root === 'meeting'
            ? written.has(placeKey(place))
              ? undefined
              : place.root === 'meeting'
                ? checkMeetingDeletion(doc, writer, place.keys[0] ?? '')
                : checkDiscussionDeletion(plan, writer, place)
            : checkDeletion(plan, meta, context, place, written)
        if (found) return { ok: false, violation: found }
      }
    }
  }
  return {
    ok: true,
    structs: count,
    clients: [...clients],
    update: decoded.update,
    discussion: discussionWrites(checked),
  }
}

/**
 * A map key may receive several values in one update only when all but one are deleted by it
 * (an honest client setting a key twice in one transaction). Otherwise which value wins depends
 * on how Yjs orders them, and the rules could be checking the loser.
 */
function secondValue(
  checked: { item: Y.Item; place: Place }[],
  ds: NormalizedUpdate['ds'],
): RuleViolation | undefined {
  const live = new Set<string>()
  for (const { item, place } of checked) {
    if (place.keys[place.keys.length - 1] === '#') continue
    if (item.content instanceof Y.ContentDeleted || deletedBy(ds, item.id)) continue
    const key = placeKey(place)
    if (live.has(key)) {
      return violation('badStructure', `The update sets ${place.keys.join(' ')} twice`, {
        root: place.root,
        key: place.keys[0],
      })
    }
    live.add(key)
  }
  return undefined
}

/** The list of sites an update writes, so SKUs and resources may name a site added with them. */
function writtenSites(checked: { item: Y.Item; place: Place }[]): Site[] | undefined {
  let sites: Site[] | undefined
  for (const { item, place } of checked) {
    if (place.root !== 'meta' || place.keys.length !== 1 || place.keys[0] !== 'sites') continue
    const value = singleValue(item)
    if (value !== deleted && value !== notAValue && siteListProblem(value) === undefined)
      sites = value as Site[]
  }
  return sites
}

function deletedBy(ds: NormalizedUpdate['ds'], id: Y.ID): boolean {
  const ranges = ds.clients.get(id.client)
  return !!ranges?.some((r) => id.clock >= r.clock && id.clock < r.clock + r.len)
}

/** The meeting session as this update leaves it: the one it writes, else the live one. */
function sessionAfter(
  doc: Y.Doc,
  checked: { item: Y.Item; place: Place }[],
  ds: NormalizedUpdate['ds'],
): MeetingSession | undefined {
  for (const { item, place } of checked) {
    if (place.root !== 'meeting' || place.keys.length !== 1 || place.keys[0] !== 'session') continue
    if (deletedBy(ds, item.id) || !(item.content instanceof Y.ContentAny)) continue
    const value: unknown = item.content.arr[0]
    if (isMeetingSession(value)) return value
  }
  return readSession(doc)
}

/** Authors of the messages an update creates, so their bodies can be written in the same update. */
function freshDiscussion(
  checked: { item: Y.Item; place: Place }[],
  ds: NormalizedUpdate['ds'],
): FreshDiscussion {
  const messageAuthors = new Map<string, unknown>()
  for (const { item, place } of checked) {
    const [threadId, field, messageId, messageField] = place.keys
    if (place.root !== 'comments' || place.keys.length !== 4 || field !== 'messages') continue
    if (messageField === 'author' && place.parentFresh && item.content instanceof Y.ContentAny) {
      if (deletedBy(ds, item.id)) continue
      messageAuthors.set(`${threadId}/${messageId}`, item.content.arr[0])
    }
  }
  return { messageAuthors }
}

function checkWrite(
  doc: Y.Doc,
  plan: PlanDoc,
  meta: PlanMeta,
  context: UpdateContext,
  place: Place,
  item: Y.Item,
  newItems: Set<string>,
): RuleViolation | undefined {
  const { role } = context
  const { root, keys } = place
  const at = { root, key: keys[0] }
  if (!isRootName(root))
    return violation('unknownRoot', `"${root}" is not part of a plan`, { root })
  if (root === 'forecast')
    return violation('forbiddenRole', `Only the server writes the statistical forecast`, at)
  const isCell = isMeasure(root) && keys.length === 3 && keys[1] === 'edits'
  if (!isCell && root !== 'cycle' && !roleMayWrite(role, root))
    return violation('forbiddenRole', `A ${role} may not change ${root}`, at)
  const isStatusChange = root === 'meta' && keys[0] === 'status' && keys.length === 1
  if (meta.status === 'approved' && !(isStatusChange && role === 'planner')) {
    return violation(
      'planApproved',
      `The plan is approved and read-only (${root} ${keys[0] ?? ''})`,
      at,
    )
  }
  if (root === 'cycle') return checkCycleWrite(role, place, item)
  if (isCell) {
    const period = periodIndex(keys[2])
    const locked =
      checkDemandLock(doc, meta, role, root, keys[0], period) ??
      checkSiteScope(plan, meta, role, context.sites, root, keys[0], period)
    if (locked) return locked
  }
  if (root === 'meta') return checkMetaWrite(plan, meta, keys, item)
  if (root === 'items') return checkItemWrite(plan, meta, keys, item)
  if (isMeasure(root)) return checkMeasureWrite(plan, meta, role, root, place, item, newItems)
  if (root === 'actuals') return checkActualsWrite(plan, meta, role, place, item, newItems)
  if (root === 'overrideReasons') {
    const value = singleValue(item)
    if (keys.length !== 1 || value === notAValue)
      return violation('badStructure', `An override reason is one value per demand cell`, at)
    return (
      checkOverrideReason(plan, meta, role, keys[0], value === deleted ? undefined : value) ??
      scopeOfReason(plan, meta, context, keys[0])
    )
  }
  if (root === 'transfers') {
    const value = singleValue(item)
    if (keys.length !== 1 || value === notAValue)
      return violation('badStructure', `A transfer is one value per transfer id`, at)
    if (!isValidId(keys[0]))
      return violation('badStructure', `"${keys[0]}" is not a valid transfer id`, at)
    return checkTransfer(
      plan,
      meta,
      role,
      context.sites,
      keys[0],
      value === deleted ? undefined : value,
    )
  }
  return violation('unknownRoot', `"${root}" is not part of a plan`, at)
}

function checkDeletion(
  plan: PlanDoc,
  meta: PlanMeta,
  context: UpdateContext,
  place: Place,
  written: Set<string>,
): RuleViolation | undefined {
  const { role } = context
  const last = place.keys[place.keys.length - 1]
  if (last !== '#' && written.has(placeKey(place))) return undefined
  const [key, part, period] = place.keys
  if (isMeasure(place.root) && place.keys.length === 3 && part === 'edits') {
    return (
      checkDemandLock(plan.doc, meta, role, place.root, key, periodIndex(period)) ??
      checkCellEdit(meta, role, place.root, key, periodIndex(period), undefined) ??
      checkSiteScope(plan, meta, role, context.sites, place.root, key, periodIndex(period))
    )
  }
  if (place.root === 'actuals' && place.keys.length === 3 && isEditsPart(part))
    return checkActualValue(meta, role, key, actualsPeriodIndex(period), undefined)
  if (place.root === 'overrideReasons' && place.keys.length === 1)
    return (
      checkOverrideReason(plan, meta, role, key, undefined) ??
      scopeOfReason(plan, meta, context, key)
    )
  if (place.root === 'transfers' && place.keys.length === 1)
    return checkTransfer(plan, meta, role, context.sites, key, undefined)
  return violation('forbiddenDeletion', `${place.root} ${place.keys.join(' ')} cannot be deleted`, {
    root: place.root,
    key,
  })
}

function scopeOfReason(
  plan: PlanDoc,
  meta: PlanMeta,
  context: UpdateContext,
  key: string,
): RuleViolation | undefined {
  const cell = parseOverrideReasonKey(key)
  return cell
    ? checkSiteScope(plan, meta, context.role, context.sites, 'demand', cell.sku, cell.period)
    : undefined
}

function fail(
  code: RuleViolation['code'],
  reason: string,
  place: RuleViolation['place'],
): UpdateCheck {
  return { ok: false, violation: violation(code, reason, place) }
}
