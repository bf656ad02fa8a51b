import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import {
  addItem,
  addMessage,
  createFlag,
  setThreadResolved,
  startThread,
  updateFlag,
  writeActual,
  writeItemFields,
  writeOverrideReason,
  writeSettings,
  writeTransfer,
} from '@tandem/shared'
import type { PlanState, RuleTarget, SiteOf } from './expected-verdict.js'
import { FENCE } from './expected-verdict.js'

/** What a matrix plan holds before the edit under test, written by the planner and the admin. */
export interface MatrixFixture {
  /**
   * A SKU and a resource whose overlay already holds a value at FENCE (for overwrites), both at
   * site SH; skuB and resourceB are at SZ.
   */
  skuA: string
  resourceA: string
  /** A SKU and a resource whose overlay is empty. */
  skuB: string
  resourceB: string
  /** A thread, its first message and a flag, all by the admin (no attacker owns them). */
  threadId: string
  messageId: string
  flagId: string
  adminId: string
}

/** Who edits: the attacker's user id, and the state the plan is in. */
export interface EditContext {
  fixture: MatrixFixture
  me: string
  state: PlanState
}

/** One edit of the matrix: what the rules call it, and how a client makes it. */
export interface MatrixTarget {
  name: string
  rule: RuleTarget
  edit(plan: PlanDoc, doc: Y.Doc, context: EditContext): void
}

const NOW = '2026-11-27T10:00:00.000Z'
const bump = (plan: PlanDoc, measure: 'demand' | 'supply' | 'capacity', key: string, p: number) =>
  plan.writeCell(measure, key, p, plan.readCell(measure, key, p) + 7)

/** A cell edit; `site` says which fixture row it lands in: A (skuA, resourceA) or B. */
function cell(
  name: string,
  site: SiteOf,
  measure: 'demand' | 'supply' | 'capacity',
  period: number,
  edit: MatrixTarget['edit'],
  value: 'valid' | 'negative' | 'fraction' = 'valid',
): MatrixTarget {
  return { name, rule: { kind: 'cell', measure, period, value, site }, edit }
}

function transfer(name: string, from: SiteOf, period: number): MatrixTarget {
  return {
    name,
    rule: { kind: 'transfer', from, period },
    edit: (plan, _doc, { fixture }) => {
      const [fromSku, toSku] =
        from === 'A' ? [fixture.skuA, fixture.skuB] : [fixture.skuB, fixture.skuA]
      writeTransfer(plan, `T-${from}-${period}`, {
        fromSku,
        toSku,
        period,
        leadTime: 1,
        quantity: 9,
      })
    },
  }
}

function newRow(values: number[]): Y.Map<unknown> {
  const row = new Y.Map<unknown>()
  const base = new Y.Array<number>()
  base.insert(0, values)
  row.set('base', base)
  row.set('edits', new Y.Map<number>())
  return row
}

export const MATRIX_TARGETS: MatrixTarget[] = [
  transfer('transfer SH → SZ past the fence', 'A', FENCE + 1),
  transfer('transfer SZ → SH past the fence', 'B', FENCE + 1),
  transfer('transfer SH → SZ at the fence', 'A', FENCE),
  {
    name: 'actuals cell, history period (overwrite)',
    rule: { kind: 'actual', value: 'valid' },
    edit: (plan, _doc, { fixture }) => writeActual(plan, fixture.skuA, -1, 21),
  },
  {
    name: 'actuals cell in a frozen plan period',
    rule: { kind: 'actual', value: 'valid' },
    edit: (plan, _doc, { fixture }) => writeActual(plan, fixture.skuA, FENCE, 8),
  },
  {
    name: 'actuals cell, negative',
    rule: { kind: 'actual', value: 'negative' },
    edit: (plan, _doc, { fixture }) => writeActual(plan, fixture.skuA, -2, -4),
  },
  {
    name: 'statistical forecast of a SKU',
    rule: { kind: 'forecast' },
    edit: (plan, _doc, { fixture }) =>
      plan.forecast.set(fixture.skuA, { values: new Array(plan.periodCount).fill(9) }),
  },
  {
    name: 'override reason "promotion" at the fence',
    rule: { kind: 'overrideReason', period: FENCE, site: 'A' },
    edit: (plan, _doc, { fixture }) =>
      writeOverrideReason(plan, fixture.skuA, FENCE, { reason: 'promotion', note: '' }),
  },
  {
    name: 'override reason past the fence',
    rule: { kind: 'overrideReason', period: FENCE + 1, site: 'B' },
    edit: (plan, _doc, { fixture }) =>
      writeOverrideReason(plan, fixture.skuB, FENCE + 1, { reason: 'other', note: 'New listing' }),
  },
  cell('demand cell, first write', 'B', 'demand', FENCE, (plan, _doc, { fixture }) =>
    bump(plan, 'demand', fixture.skuB, FENCE),
  ),
  cell('demand cell, overwrite', 'A', 'demand', FENCE, (plan, _doc, { fixture }) =>
    plan.writeCell('demand', fixture.skuA, FENCE, 41),
  ),
  cell('demand cell, revert (overlay delete)', 'A', 'demand', FENCE, (plan, _doc, { fixture }) =>
    plan.row('demand', fixture.skuA)?.edits.delete(String(FENCE)),
  ),
  cell('demand cell past the fence', 'B', 'demand', FENCE + 1, (plan, _doc, { fixture }) =>
    bump(plan, 'demand', fixture.skuB, FENCE + 1),
  ),
  cell(
    'demand cell, negative overwrite',
    'A',
    'demand',
    FENCE,
    (plan, _doc, { fixture }) => plan.writeCell('demand', fixture.skuA, FENCE, -5),
    'negative',
  ),
  cell(
    'demand cell, fraction in a whole-unit plan',
    'B',
    'demand',
    FENCE + 1,
    (plan, _doc, { fixture }) => plan.writeCell('demand', fixture.skuB, FENCE + 1, 10.5),
    'fraction',
  ),
  cell('supply cell, first write', 'B', 'supply', FENCE, (plan, _doc, { fixture }) =>
    bump(plan, 'supply', fixture.skuB, FENCE),
  ),
  cell('supply cell, overwrite', 'A', 'supply', FENCE, (plan, _doc, { fixture }) =>
    plan.writeCell('supply', fixture.skuA, FENCE, 42),
  ),
  cell('capacity cell, first write', 'B', 'capacity', FENCE, (plan, _doc, { fixture }) =>
    bump(plan, 'capacity', fixture.resourceB, FENCE),
  ),
  cell('capacity cell, overwrite', 'A', 'capacity', FENCE, (plan, _doc, { fixture }) =>
    plan.writeCell('capacity', fixture.resourceA, FENCE, 43),
  ),
  {
    name: 'meta.frozenThrough (freeze or unfreeze)',
    rule: { kind: 'frozenThrough' },
    edit: (plan, _doc, { state }) => plan.meta.set('frozenThrough', state.frozen ? -1 : FENCE),
  },
  {
    name: 'meta.status (approve or reopen)',
    rule: { kind: 'status' },
    edit: (plan, _doc, { state }) => plan.meta.set('status', state.approved ? 'draft' : 'approved'),
  },
  {
    name: 'item safetyStock, overwrite',
    rule: { kind: 'itemField' },
    edit: (plan, _doc, { fixture }) => {
      const item = plan.items.get(fixture.skuA)
      item?.set('safetyStock', Number(item.get('safetyStock')) + 13)
    },
  },
  {
    name: 'new item with its demand and supply rows',
    rule: { kind: 'newItem' },
    edit: (plan) => {
      const count = plan.periodCount
      const item = new Y.Map<unknown>()
      item.set('name', 'Added SKU')
      item.set('family', 'Juice')
      item.set('safetyStock', 5)
      plan.items.set('SKU-NEW', item)
      const values = Array.from({ length: count }, (_, p) => (p <= FENCE ? 0 : 10))
      plan.demand.set('SKU-NEW', newRow(values))
      plan.supply.set('SKU-NEW', newRow(values))
    },
  },
  {
    name: 'meta.name, unit and decimals (the settings panel)',
    rule: { kind: 'setting' },
    edit: (plan) => writeSettings(plan, { name: 'Renamed plan', unit: 'kg', decimals: 2 }),
  },
  {
    name: 'retire an item (items retired = true)',
    rule: { kind: 'itemField' },
    edit: (plan, _doc, { fixture }) => writeItemFields(plan, fixture.skuB, { retired: true }),
  },
  {
    name: 'new item through addItem, with a negative safety stock',
    rule: { kind: 'badItemField' },
    edit: (plan) =>
      addItem(plan, {
        sku: 'SKU-NEG',
        name: 'Negative',
        family: 'Juice',
        site: 'SH',
        unit: '',
        openingStock: 0,
        safetyStock: -5,
        maxStock: 0,
        resource: '',
      }),
  },
  {
    name: "replace a demand row's base array",
    rule: { kind: 'replaceBase' },
    edit: (plan, _doc, { fixture }) => {
      const base = new Y.Array<number>()
      base.insert(0, new Array<number>(plan.periodCount).fill(1))
      plan.demand.get(fixture.skuA)?.set('base', base)
    },
  },
  {
    name: 'cycle: a stage due date',
    rule: { kind: 'cycle', action: 'dueDate' },
    edit: (_plan, doc) => doc.getMap('cycle').set('due.demandReview', '2026-12-10'),
  },
  {
    name: 'cycle: move the current stage',
    rule: { kind: 'cycle', action: 'moveStage' },
    edit: (_plan, doc) => doc.getMap('cycle').set('stage', 'supplyReview'),
  },
  {
    name: 'cycle: a sign-off written by the client, in my name',
    rule: { kind: 'cycle', action: 'forgeSignOff' },
    edit: (_plan, doc, { me }) => {
      const signOffs = new Y.Array<unknown>()
      signOffs.push([{ stage: 'dataGathering', by: me, at: '2026-12-02T09:00:00.000Z' }])
      doc.getMap('cycle').set('signOffs', signOffs)
    },
  },
  {
    name: 'a new root',
    rule: { kind: 'unknownRoot' },
    edit: (_plan, doc) => doc.getMap('evil').set('x', 1),
  },
  {
    name: 'comments: start a thread in my name',
    rule: { kind: 'comment', action: 'startThread' },
    edit: (plan, _doc, { fixture, me }) => {
      const anchor = { measure: 'demand' as const, key: fixture.skuA, period: FENCE }
      const body = startThread(plan, { id: 'mine', anchor, author: me, now: NOW }, { id: 'm1' })
      body.insert(0, 'Is this right?')
    },
  },
  {
    name: "comments: reply in the admin's thread",
    rule: { kind: 'comment', action: 'reply' },
    edit: (plan, _doc, { fixture, me }) => {
      addMessage(plan, fixture.threadId, { id: 'reply', author: me, now: NOW }).insert(0, 'Yes')
    },
  },
  {
    name: 'comments: start a thread in the admin’s name',
    rule: { kind: 'comment', action: 'forgeAuthor' },
    edit: (plan, _doc, { fixture }) => {
      const anchor = { measure: 'demand' as const, key: fixture.skuA }
      startThread(plan, { id: 'forged', anchor, author: fixture.adminId, now: NOW }, { id: 'm1' })
    },
  },
  {
    name: "comments: change the admin's message",
    rule: { kind: 'comment', action: 'editOthers' },
    edit: (plan, _doc, { fixture }) => {
      const thread = plan.comments.get(fixture.threadId) as Y.Map<unknown>
      const messages = thread.get('messages') as Y.Map<Y.Map<unknown>>
      messages.get(fixture.messageId)?.set('deleted', true)
    },
  },
  {
    name: 'comments: resolve a thread',
    rule: { kind: 'comment', action: 'resolve' },
    edit: (plan, _doc, { fixture, me }) => setThreadResolved(plan, fixture.threadId, true, me, NOW),
  },
  {
    name: 'comments: a javascript: link',
    rule: { kind: 'comment', action: 'unsafeLink' },
    edit: (plan, _doc, { fixture, me }) => {
      const anchor = { measure: 'demand' as const, key: fixture.skuA }
      const body = startThread(plan, { id: 'link', anchor, author: me, now: NOW }, { id: 'm1' })
      body.insert(0, 'click me', { url: 'javascript:alert(document.cookie)' })
    },
  },
  {
    name: 'flags: create a flag',
    rule: { kind: 'flag', action: 'create' },
    edit: (plan, _doc, { fixture, me }) =>
      createFlag(plan, {
        id: 'mine',
        kind: 'shortage',
        severity: 'high',
        owner: me,
        dueDate: '2026-12-31',
        status: 'open',
        cells: [{ measure: 'demand', key: fixture.skuA, period: FENCE }],
        threadId: '',
        note: 'Short in week 2',
        createdBy: me,
        createdAt: NOW,
      }),
  },
  {
    name: "flags: change the admin's flag",
    rule: { kind: 'flag', action: 'changeOthers' },
    edit: (plan, _doc, { fixture }) => updateFlag(plan, fixture.flagId, { severity: 'low' }),
  },
]
