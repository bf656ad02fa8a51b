import * as Y from 'yjs'
import { isValidId } from '../ids.js'
import { ITEM_FIELDS, isItemField } from '../item.js'
import { isMetaKey, META_FIELDS } from '../plan-meta.js'
import type { PlanMeta } from '../plan-meta.js'
import { PlanDoc } from '../plan-doc.js'
import { isMeasure, isRootName } from '../roots.js'
import type { Measure } from '../roots.js'
import { checkCellEdit } from './check-cell-edit.js'
import type { FreshDiscussion, Writer } from './check-discussion-write.js'
import {
  checkCommentWrite,
  checkDiscussionDeletion,
  checkFlagWrite,
} from './check-discussion-write.js'
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

/** Horizon fields are fixed once a plan exists: the next cycle is a roll-forward, not an edit. */
const FIXED_META = new Set(['periodKind', 'firstPeriod', 'periodCount'])

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

/**
 * A row created by an update must arrive whole: a base array of `periodCount` values and an
 * empty overlay map. A row missing either could never be completed, since adding a part to an
 * existing row counts as replacing it.
 */
function incompleteRow(
  checked: { item: Y.Item; place: Place }[],
  periodCount: number,
): RuleViolation | undefined {
  const rows = new Map<
    string,
    { root: string; key: string; base: number | undefined; edits: boolean }
  >()
  const rowOf = (root: string, key: string) => rows.get(`${root}\u0000${key}`)
  for (const { item, place } of checked) {
    if (!isMeasure(place.root) || item.deleted) continue
    const [key, part, position] = place.keys
    if (place.keys.length === 1)
      rows.set(`${place.root}\u0000${key}`, {
        root: place.root,
        key,
        base: undefined,
        edits: false,
      })
    const row = rowOf(place.root, key)
    if (!row) continue
    if (place.keys.length === 2 && part === 'base') row.base = 0
    if (place.keys.length === 2 && part === 'edits') row.edits = true
    if (place.keys.length === 3 && part === 'base' && position === '#' && row.base !== undefined) {
      row.base += item.length
    }
  }
  for (const row of rows.values()) {
    if (!row.edits || row.base !== periodCount) {
      return violation(
        'badStructure',
        `A new ${row.root} row ${row.key} needs a base of ${periodCount} values and an empty overlay`,
        { root: row.root, key: row.key },
      )
    }
  }
  return undefined
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

function checkMetaWrite(meta: PlanMeta, keys: string[], item: Y.Item): RuleViolation | undefined {
  const field = keys[0]
  const at = { root: 'meta', field }
  if (keys.length !== 1 || !isMetaKey(field))
    return violation('badStructure', `Unknown plan setting "${field}"`, at)
  if (FIXED_META.has(field))
    return violation('badStructure', `The plan's horizon (${field}) cannot be changed`, at)
  const value = singleValue(item)
  if (value === deleted) return undefined
  if (value === notAValue || typeof value !== META_FIELDS[field]) {
    return violation('badValue', `Plan setting ${field} must be a ${META_FIELDS[field]}`, at)
  }
  if (
    field === 'frozenThrough' &&
    !(Number.isInteger(value) && (value as number) >= -1 && (value as number) < meta.periodCount)
  ) {
    return violation(
      'outOfRange',
      `frozenThrough must be a period index from -1 to ${meta.periodCount - 1}`,
      at,
    )
  }
  if (field === 'status' && value !== 'draft' && value !== 'approved') {
    return violation('badValue', 'status must be "draft" or "approved"', at)
  }
  if (
    (field === 'maxValue' || field === 'decimals') &&
    !(Number.isInteger(value) && (value as number) >= 0)
  ) {
    return violation('outOfRange', `${field} must be a whole number ≥ 0`, at)
  }
  if (field === 'resources' && !isResourceList(value)) {
    return violation('badValue', 'resources must be a list of { id, name, site }', at)
  }
  return undefined
}

function checkItemWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  keys: string[],
  item: Y.Item,
): RuleViolation | undefined {
  const [sku, field] = keys
  const at = { root: 'items', key: sku, field }
  if (!isValidId(sku)) return violation('badStructure', `"${sku}" is not a valid SKU id`, at)
  if (keys.length === 1) {
    if (!isType(item, Y.Map)) return violation('badStructure', `Item ${sku} must be a map`, at)
    if (plan.items.has(sku))
      return violation('badStructure', `Item ${sku} already exists and cannot be replaced`, at)
    return undefined
  }
  if (keys.length !== 2 || !isItemField(field))
    return violation('badStructure', `Unknown item field "${field}"`, at)
  const value = singleValue(item)
  if (value === deleted) return undefined
  const kind = ITEM_FIELDS[field]
  if (value === notAValue || typeof value !== kind)
    return violation('badValue', `${sku} ${field} must be a ${kind}`, at)
  if (
    kind === 'number' &&
    !(Number.isFinite(value) && (value as number) >= 0 && (value as number) <= meta.maxValue)
  ) {
    return violation(
      'outOfRange',
      `${sku} ${field} must be a number from 0 to ${meta.maxValue}`,
      at,
    )
  }
  if (kind === 'string' && (value as string).length > 200) {
    return violation('outOfRange', `${sku} ${field} must be at most 200 characters`, at)
  }
  return undefined
}

function checkMeasureWrite(
  plan: PlanDoc,
  meta: PlanMeta,
  role: Role,
  measure: Measure,
  place: Place,
  item: Y.Item,
  newItems: Set<string>,
): RuleViolation | undefined {
  const [key, part, period] = place.keys
  const at = { root: measure, key }
  if (!isValidId(key))
    return violation('badStructure', `"${key}" is not a valid ${measure} row key`, at)
  if (place.keys.length === 1) {
    if (role !== 'planner')
      return violation('forbiddenRole', `Only a planner may add ${measure} rows`, at)
    if (!isType(item, Y.Map))
      return violation('badStructure', `The ${measure} row ${key} must be a map`, at)
    if (plan.measureRoot(measure).has(key)) {
      return violation(
        'badStructure',
        `The ${measure} row ${key} already exists and cannot be replaced`,
        at,
      )
    }
    const known =
      measure === 'capacity'
        ? meta.resources.some((r) => r.id === key)
        : plan.items.has(key) || newItems.has(key)
    return known
      ? undefined
      : violation(
          'badStructure',
          `No ${measure === 'capacity' ? 'resource' : 'item'} ${key} for this row`,
          at,
        )
  }
  if (place.keys.length === 2) {
    if (!place.parentFresh)
      return violation('badStructure', `The ${part} of ${measure} ${key} cannot be replaced`, at)
    if (part === 'base' && isType(item, Y.Array)) return undefined
    if (part === 'edits' && isType(item, Y.Map)) return undefined
    return violation('badStructure', `Unknown part "${part}" of ${measure} ${key}`, at)
  }
  if (place.keys.length === 3 && part === 'base') {
    if (!place.parentFresh)
      return violation('badStructure', `The base of ${measure} ${key} cannot be rewritten`, at)
    if (item.content instanceof Y.ContentDeleted) return undefined
    if (!(item.content instanceof Y.ContentAny))
      return violation('badValue', `Base values of ${measure} ${key} must be numbers`, at)
    const bad = item.content.arr.find(
      (v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > meta.maxValue,
    )
    return bad === undefined
      ? undefined
      : violation(
          'badValue',
          `Base values of ${measure} ${key} must be numbers from 0 to ${meta.maxValue}`,
          at,
        )
  }
  if (place.keys.length === 3 && part === 'edits') {
    const index = periodIndex(period)
    const value = singleValue(item)
    if (value === notAValue)
      return violation('badValue', `${measure} ${key}, period ${period}: a cell holds one number`, {
        ...at,
        period: index,
      })
    return checkCellEdit(meta, role, measure, key, index, value === deleted ? undefined : value)
  }
  return violation('badStructure', `Unexpected content in ${measure} ${key}`, at)
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

const deleted = Symbol('deleted')
const notAValue = Symbol('notAValue')

function singleValue(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentDeleted) return deleted
  if (item.content instanceof Y.ContentAny && item.content.arr.length === 1)
    return item.content.arr[0]
  return notAValue
}

function isType(item: Y.Item, type: typeof Y.Map | typeof Y.Array): boolean {
  return item.content instanceof Y.ContentType && item.content.type instanceof type
}

function periodIndex(key: string): number {
  return /^(0|[1-9][0-9]{0,5})$/.test(key) ? Number(key) : Number.NaN
}

function isResourceList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        isValidId((r as { id: unknown }).id) &&
        typeof (r as { name: unknown }).name === 'string' &&
        typeof (r as { site: unknown }).site === 'string',
    )
  )
}

function placeKey(place: Place): string {
  return `${place.root}\u0000${place.keys.join('\u0000')}`
}

function fail(
  code: RuleViolation['code'],
  reason: string,
  place: RuleViolation['place'],
): UpdateCheck {
  return { ok: false, violation: violation(code, reason, place) }
}
