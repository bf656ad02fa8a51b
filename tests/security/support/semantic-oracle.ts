import * as Y from 'yjs'
import type { Role } from '@tandem/shared'
import { MEASURES, PlanDoc } from '@tandem/shared'

/** Every value of a plan by its path ("demand/SKU-1/edits/3", "comments/t1/messages/m1/author"). */
export type PlanValues = Map<string, string>

/** Reads every value a rule can speak of: meta, items, cells, thread, message and flag fields. */
export function planValues(doc: Y.Doc): PlanValues {
  const values: PlanValues = new Map()
  const walk = (path: string, value: unknown) => {
    if (value instanceof Y.Map) {
      value.forEach((child, key) => walk(`${path}/${key}`, child))
      if (value.size === 0) values.set(path, '{}')
    } else if (value instanceof Y.Array) {
      value.toArray().forEach((child, index) => walk(`${path}/${index}`, child))
      values.set(`${path}/#`, String(value.length))
    } else if (value instanceof Y.XmlText || value instanceof Y.Text) {
      values.set(path, `text:${value.toString()}`)
    } else if (value instanceof Y.AbstractType) {
      values.set(path, `type:${value.constructor.name}`)
    } else {
      values.set(path, describe(value))
    }
  }
  for (const [root] of doc.share) {
    // Reading a root (the server reads `cycle` to know the stage) instantiates it locally with
    // no content: an empty root is the same plan as an absent one.
    const map = doc.getMap(root)
    if (map.size > 0) walk(root, map)
  }
  return values
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `bad:${value}`
  try {
    return `${typeof value}:${JSON.stringify(value)}`
  } catch {
    return `${typeof value}:?`
  }
}

/** Who sent an accepted update. */
export interface Sender {
  role: Role
  userId: string
}

/**
 * Judges an accepted update by its effect alone, value by value, against the plan's rules for
 * the sender's role (docs/security.md), independently of how checkUpdate reasons. Returns the
 * changes the sender was not allowed to make.
 */
export function forbiddenChanges(
  before: PlanValues,
  after: PlanValues,
  beforeDoc: PlanDoc,
  sender: Sender,
): string[] {
  const meta = beforeDoc.readMeta()
  const problems: string[] = []
  const paths = new Set([...before.keys(), ...after.keys()])
  for (const path of paths) {
    const was = before.get(path)
    const now = after.get(path)
    if (was === now) continue
    const why = forbidden(path, was, now, sender, meta, before)
    if (why) problems.push(`${path}: ${was ?? '∅'} → ${now ?? '∅'} (${why})`)
  }
  return problems
}

function forbidden(
  path: string,
  was: string | undefined,
  now: string | undefined,
  sender: Sender,
  meta: ReturnType<PlanDoc['readMeta']>,
  before: PlanValues,
): string | undefined {
  const [root, key, part, sub, field] = path.split('/')
  const { role, userId } = sender
  const approved = meta.status === 'approved'
  if (root === 'meta') {
    if (role !== 'planner') return 'only planners change settings'
    if (approved && key !== 'status') return 'the plan is approved'
    return undefined
  }
  if (root === 'items') {
    if (role !== 'planner') return 'only planners change items'
    if (approved) return 'the plan is approved'
    if (now !== undefined && (part === 'openingStock' || part === 'safetyStock'))
      return isAmount(now) ? undefined : 'not an amount'
    return undefined
  }
  if ((MEASURES as readonly string[]).includes(root)) {
    const writers: Record<string, Role[]> = {
      demand: ['sales', 'planner'],
      supply: ['production', 'planner'],
      capacity: ['production', 'planner'],
    }
    if (!writers[root].includes(role)) return `a ${role} may not change ${root}`
    if (approved) return 'the plan is approved'
    if (now !== undefined && !isAmount(now) && !path.endsWith('/#') && now !== '{}')
      return 'not a finite amount'
    if (part === 'edits' && sub === undefined) return undefined
    if (part === 'edits') {
      const period = Number(sub)
      if (!Number.isInteger(period)) return 'not a period'
      if (period <= meta.frozenThrough) return 'frozen period'
      return undefined
    }
    if (part === 'base' && was !== undefined) return 'bases are never rewritten'
    if (was === undefined && role !== 'planner') return 'only planners add rows'
    return undefined
  }
  if (root === 'comments') {
    if (part === 'messages' && sub !== undefined && field !== undefined) {
      const author = before.get(`comments/${key}/messages/${sub}/author`)
      if (author !== undefined) {
        if (author !== describe(userId)) return 'only its author changes a message'
        if (field === 'author' || field === 'createdAt') return 'fixed message field'
        return undefined
      }
      if (field === 'author' && now !== describe(userId)) return 'a new message in another name'
      return undefined
    }
    if (part === 'anchor' || part === 'createdBy' || part === 'createdAt') {
      if (was !== undefined) return 'fixed thread field'
      if (part === 'createdBy' && now !== describe(userId)) return 'a thread in another name'
      return undefined
    }
    if (part?.startsWith('resolved') && was !== undefined && role === 'viewer')
      return 'a viewer may not resolve'
    return undefined
  }
  if (root === 'actuals') {
    if (role !== 'planner') return 'only planners change actuals'
    if (approved) return 'the plan is approved'
    if (part === 'base' && was !== undefined) return 'bases are never rewritten'
    if (part === 'edits' && sub !== undefined && now !== undefined && !isAmount(now))
      return 'not a finite amount'
    return undefined
  }
  if (root === 'forecast') return 'only the server writes the statistical forecast'
  if (root === 'overrideReasons') {
    if (role !== 'sales' && role !== 'planner') return `a ${role} may not give override reasons`
    if (approved) return 'the plan is approved'
    const period = Number(key?.split('@')[1])
    if (!Number.isInteger(period) || period <= meta.frozenThrough) return 'frozen or no period'
    return undefined
  }
  if (root === 'cycle') {
    // Clients write only a planner's due date of a stage; the server writes the rest.
    if (!key?.startsWith('due.') || part !== undefined) return 'only Tandem writes the cycle'
    if (role !== 'planner') return 'only planners set due dates'
    if (now !== undefined && !/^string:"(\d{4}-\d{2}-\d{2})?"$/.test(now)) return 'not a date'
    return undefined
  }
  if (root === 'meeting')
    return forbiddenInMeeting(key ?? '', part, was, now, sender, approved, before)
  if (root === 'flags') {
    if (role === 'viewer') return 'a viewer may not flag'
    if ((part === 'createdBy' || part === 'createdAt') && was !== undefined)
      return 'fixed flag field'
    return undefined
  }
  return `unknown root ${root}`
}

/** The meeting's rules, read off values alone: who starts, who presents, who records. */
function forbiddenInMeeting(
  key: string,
  part: string | undefined,
  was: string | undefined,
  now: string | undefined,
  { role, userId }: Sender,
  approved: boolean,
  before: PlanValues,
): string | undefined {
  if (approved) return 'the plan is approved'
  if (part !== undefined) return 'meeting entries are single values'
  const value = (described: string | undefined) =>
    described?.startsWith('object:')
      ? (JSON.parse(described.slice(7)) as Record<string, unknown>)
      : undefined
  const session = value(before.get('meeting/session'))
  const running = session?.status === 'running'
  if (key === 'session') {
    if (role !== 'planner') return 'only planners start a meeting'
    const next = value(now)
    if (next?.status !== 'running') return 'only Tandem ends a meeting'
    if (!running && next.startedBy !== userId) return 'a meeting started in another name'
    return undefined
  }
  if (!running) return 'no meeting is running'
  if (key === 'agenda')
    return role === 'planner' || session.presenter === userId ? undefined : 'not the presenter'
  if (key.startsWith('attendee.'))
    return key === `attendee.${userId}` ? undefined : "another person's attendance"
  if (key.startsWith('record.')) {
    const recorders = (session.recorders ?? []) as string[]
    if (role !== 'planner' && !recorders.includes(role)) return 'not a recorder'
    const author = value(was)?.author
    if (author !== undefined && author !== userId && role !== 'planner')
      return "another person's record"
    if (now !== undefined && value(now)?.author !== (author ?? userId)) return 'a forged author'
    return undefined
  }
  return `unknown meeting key ${key}`
}

function isAmount(described: string): boolean {
  const value = Number(described)
  return described !== '' && Number.isFinite(value) && value >= 0
}
