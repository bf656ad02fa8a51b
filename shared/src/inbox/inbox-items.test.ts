import { describe, expect, it } from 'vitest'
import { startThread } from '../comments/comment-thread.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { createFlag } from '../flags/gap-flag.js'
import { startMeeting, writeRecord } from '../meeting/meeting-writes.js'
import { inboxItems, planIdOfInboxItem } from './inbox-items.js'

function plan() {
  const doc = createPlanDoc(demoPlan({ skuCount: 4, periodCount: 6, seed: 1 }))
  doc.doc.clientID = 77
  const anchor = { measure: 'demand' as const, key: 'SKU-00001', period: 2 }
  startThread(
    doc,
    { id: 't1', anchor, author: 'u-planner', now: '2026-12-01T09:00:00.000Z' },
    { id: 'm1', mentions: ['u-sales'] },
  )
  startThread(
    doc,
    { id: 't2', anchor, author: 'u-sales', now: '2026-12-01T10:00:00.000Z' },
    { id: 'm2', mentions: ['u-sales'] },
  )
  const flag = {
    kind: 'shortage' as const,
    severity: 'high' as const,
    dueDate: '2026-12-10',
    cells: [],
    threadId: '',
    note: '',
    createdBy: 'u-planner',
  }
  createFlag(doc, {
    ...flag,
    id: 'f1',
    owner: 'u-sales',
    status: 'open',
    createdAt: '2026-12-01T11:00:00.000Z',
  })
  createFlag(doc, {
    ...flag,
    id: 'f2',
    owner: 'u-sales',
    status: 'resolved',
    createdAt: '2026-12-01T11:30:00.000Z',
  })
  startMeeting(doc.doc, {
    id: 'mt1',
    userId: 'u-planner',
    at: '2026-12-01T12:00:00.000Z',
    recorders: ['planner'],
    items: [],
  })
  writeRecord(doc.doc, {
    id: 'r1',
    meetingId: 'mt1',
    kind: 'action',
    text: 'Call the east region',
    owner: 'u-sales',
    due: '2026-12-05',
    links: [],
    author: 'u-planner',
    at: '2026-12-01T12:05:00.000Z',
  })
  writeRecord(doc.doc, {
    id: 'r2',
    meetingId: 'mt1',
    kind: 'decision',
    text: 'Keep the safety stock',
    owner: 'u-sales',
    due: '',
    links: [],
    author: 'u-planner',
    at: '2026-12-01T12:06:00.000Z',
  })
  return doc
}

describe('inboxItems', () => {
  it("lists a person's mentions by others, open flags they own and actions they own, newest first", () => {
    expect(inboxItems(plan(), 'p1', 'u-sales', 'sales')).toEqual([
      {
        kind: 'action',
        id: 'action:p1:r1',
        planId: 'p1',
        at: '2026-12-01T12:05:00.000Z',
        recordId: 'r1',
        text: 'Call the east region',
        due: '2026-12-05',
      },
      {
        kind: 'flag',
        id: 'flag:p1:f1',
        planId: 'p1',
        at: '2026-12-01T11:00:00.000Z',
        flagId: 'f1',
        dueDate: '2026-12-10',
        text: '',
      },
      {
        kind: 'mention',
        id: 'mention:p1:t1:m1',
        planId: 'p1',
        at: '2026-12-01T09:00:00.000Z',
        threadId: 't1',
        author: 'u-planner',
        text: '',
      },
    ])
  })

  it('asks the owner role of the current stage for its sign-off', () => {
    // A new plan is in data gathering, which planners own.
    const items = inboxItems(plan(), 'p1', 'u-planner', 'planner')
    expect(items.filter((i) => i.kind === 'signOff')).toEqual([
      {
        kind: 'signOff',
        id: 'signOff:p1:dataGathering:',
        planId: 'p1',
        at: '',
        stage: 'dataGathering',
      },
    ])
    expect(inboxItems(plan(), 'p1', 'u-viewer', 'viewer')).toEqual([])
  })

  it('names the plan of an item id, and nothing for a string that is not one', () => {
    for (const item of inboxItems(plan(), 'p1', 'u-sales', 'sales'))
      expect(planIdOfInboxItem(item.id)).toBe('p1')
    expect(planIdOfInboxItem('signOff:plan-2:demandReview:')).toBe('plan-2')
    expect(planIdOfInboxItem('note:p1:x')).toBeUndefined()
    expect(planIdOfInboxItem('action')).toBeUndefined()
  })
})
