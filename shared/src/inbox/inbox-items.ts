import { readThreads } from '../comments/comment-thread.js'
import { messageText } from '../comments/message-text.js'
import { STAGE_OWNER } from '../cycle/cycle-stage.js'
import { readCycle } from '../cycle/cycle-state.js'
import { readFlags } from '../flags/gap-flag.js'
import { readMeeting } from '../meeting/meeting-state.js'
import type { PlanDoc } from '../plan-doc.js'
import type { Role } from '../rules/role.js'

/** One thing in a person's inbox, from one plan. `id` is stable, so a read mark can name it. */
export type InboxItem =
  | {
      kind: 'mention'
      id: string
      planId: string
      at: string
      threadId: string
      author: string
      /** The message's plain text, cut to MESSAGE_TEXT_LIMIT. */
      text: string
    }
  | {
      kind: 'flag'
      id: string
      planId: string
      at: string
      flagId: string
      dueDate: string
      /** The flag's note. */
      text: string
    }
  | { kind: 'signOff'; id: string; planId: string; at: string; stage: string }
  | {
      kind: 'action'
      id: string
      planId: string
      at: string
      recordId: string
      text: string
      /** YYYY-MM-DD, or empty. */
      due: string
    }

/** The kinds of inbox items. */
export const INBOX_ITEM_KINDS = ['mention', 'flag', 'signOff', 'action'] as const

/** The plan an inbox item id names (ids are `<kind>:<planId>:…`), if it is one. */
export function planIdOfInboxItem(id: string): string | undefined {
  const [kind, planId] = id.split(':')
  return (INBOX_ITEM_KINDS as readonly string[]).includes(kind) && planId ? planId : undefined
}

/**
 * What waits on `userId` (whose role in the plan is `role`) in one plan: messages that mention
 * them, open flags they own, the current stage when their role owns it and it is not signed
 * off, and meeting actions they own. Newest first. Pure: the server and the client agree.
 */
export function inboxItems(plan: PlanDoc, planId: string, userId: string, role: Role): InboxItem[] {
  const items: InboxItem[] = []
  for (const thread of readThreads(plan)) {
    for (const m of thread.messages) {
      if (m.deleted || m.author === userId || !m.mentions.includes(userId)) continue
      const id = `mention:${planId}:${thread.id}:${m.id}`
      items.push({
        kind: 'mention',
        id,
        planId,
        at: m.createdAt,
        threadId: thread.id,
        author: m.author,
        text: messageText(m.body),
      })
    }
  }
  for (const flag of readFlags(plan)) {
    if (flag.owner !== userId || flag.status === 'resolved') continue
    const id = `flag:${planId}:${flag.id}`
    items.push({
      kind: 'flag',
      id,
      planId,
      at: flag.createdAt,
      flagId: flag.id,
      dueDate: flag.dueDate,
      text: flag.note,
    })
  }
  const cycle = readCycle(plan.doc)
  if (!cycle.complete && STAGE_OWNER[cycle.stage] === role) {
    const since = cycle.signOffs.at(-1)?.at ?? ''
    const id = `signOff:${planId}:${cycle.stage}:${since}`
    items.push({ kind: 'signOff', id, planId, at: since, stage: cycle.stage })
  }
  for (const record of readMeeting(plan.doc).records) {
    if (record.kind !== 'action' || record.owner !== userId) continue
    const id = `action:${planId}:${record.id}`
    items.push({
      kind: 'action',
      id,
      planId,
      at: record.at,
      recordId: record.id,
      text: record.text,
      due: record.due,
    })
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1))
}
