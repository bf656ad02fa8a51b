import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readActuals } from '../actuals/actuals-row.js'
import { writeActual, writeActualsRow } from '../actuals/write-actuals.js'
import { writeCells } from '../commands/write-cells.js'
import { addMessage, readThreads, startThread } from '../comments/comment-thread.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { readCycle } from '../cycle/cycle-state.js'
import { writeSignOff } from '../cycle/cycle-transition.js'
import { demoPlan } from '../demo-plan.js'
import { createFlag, readFlags } from '../flags/gap-flag.js'
import { writeOverrideReason } from '../override-reasons/override-reason.js'
import { PlanDoc } from '../plan-doc.js'
import { MEASURES, ROOTS } from '../roots.js'
import { seededRandom } from '../seeded-random.js'
import { DOCUMENT_EPOCH_KEY, documentEpochOf } from './document-epoch.js'
import { nextEpochDocument } from './next-epoch-document.js'
import { overlayWeight } from './overlay-weight.js'

const PERIODS = 8
const ROW_ROOTS = new Set<string>([...MEASURES, 'actuals'])

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

/** A small plan with every root in use: cells, actuals of both kinds, comments, flags, cycle. */
function richPlan(): PlanDoc {
  const doc = docWithClient(1)
  const input = demoPlan({ skuCount: 4, periodCount: PERIODS, seed: 7, history: true })
  const plan = createPlanDoc(input, doc)
  const [sku, other] = plan.listSkus()
  writeCells(plan, [
    { measure: 'demand', key: sku, period: 2, value: 111 },
    { measure: 'supply', key: other, period: 7, value: 222 },
    { measure: 'capacity', key: input.meta.resources[0].id, period: 0, value: 333 },
  ])
  writeOverrideReason(plan, sku, 2, { reason: 'promotion', note: 'spring deal' })
  writeActual(plan, sku, -156, 5)
  writeActual(plan, sku, -1, 6)
  writeActual(plan, sku, PERIODS - 1, 7)
  doc.transact(() => writeActualsRow(plan, other, new Map([[-3, 40]]), 'production'))
  writeActual(plan, other, -2, 41, 'production')
  // A Slate tree: a paragraph element (an embedded XmlText with attributes) holding formatted
  // text and a link element nested inside it.
  const body = startThread(
    plan,
    { id: 't1', anchor: { measure: 'demand', key: sku, period: 2 }, author: 'sam', now: 'a' },
    { id: 'm1', mentions: ['paula'] },
  )
  const paragraph = new Y.XmlText()
  body.insertEmbed(0, paragraph, { kind: 'paragraph' })
  paragraph.setAttribute('type', 'paragraph')
  paragraph.insert(0, 'Promo ')
  paragraph.insert(6, 'week 3', { bold: true })
  const link = new Y.XmlText()
  paragraph.insertEmbed(paragraph.length, link)
  link.setAttribute('type', 'link')
  link.setAttribute('url', 'https://example.com/promo')
  link.insert(0, 'plan')
  const reply = addMessage(plan, 't1', { id: 'm2', author: 'paula', now: 'b' })
  reply.insert(0, 'ok')
  createFlag(plan, {
    id: 'f1',
    kind: 'shortage',
    severity: 'high',
    owner: 'paula',
    dueDate: '2026-01-05',
    status: 'open',
    cells: [{ measure: 'supply', key: other, period: 7 }],
    threadId: 't1',
    note: 'short',
    createdBy: 'sam',
    createdAt: 'c',
  })
  writeSignOff(doc, { stage: 'dataGathering', by: 'pat', at: 'd' })
  plan.forecast.set(sku, { values: [1, 2, 3], method: 'naive' })
  doc
    .getMap('transfers')
    .set('tr1', { fromSku: sku, toSku: other, period: 1, leadTime: 1, quantity: 5 })
  return plan
}

/** Everything a reader sees of a plan, overlays applied, and every non-row root as JSON. */
function readable(plan: PlanDoc) {
  const rows: Record<string, number[]> = {}
  for (const measure of MEASURES)
    plan
      .measureRoot(measure)
      .forEach((_, key) => (rows[`${measure}:${key}`] = plan.readRow(measure, key)))
  const actuals: Record<string, (number | null)[]> = {}
  plan.actuals.forEach((_, sku) => {
    actuals[`demand:${sku}`] = readActuals(plan, sku, 'demand')
    actuals[`production:${sku}`] = readActuals(plan, sku, 'production')
  })
  const meta = plan.meta.toJSON()
  delete meta[DOCUMENT_EPOCH_KEY]
  return {
    rows,
    actuals,
    meta,
    items: plan.items.toJSON(),
    comments: plan.comments.toJSON(),
    threads: readThreads(plan).map((t) => ({
      ...t,
      messages: t.messages.map((m) => ({ ...m, body: slateTree(m.body) })),
    })),
    flags: readFlags(plan),
    cycle: readCycle(plan.doc),
    forecast: plan.forecast.toJSON(),
    overrideReasons: plan.overrideReasons.toJSON(),
    // Every other root as JSON, whatever roots are added later.
    roots: Object.fromEntries(
      ROOTS.filter((root) => !ROW_ROOTS.has(root) && root !== 'meta').map((root) => [
        root,
        plan.doc.getMap(root).toJSON(),
      ]),
    ),
  }
}

/** A Slate body as plain JSON: attributes, and the delta with embedded texts opened up. */
function slateTree(text: Y.XmlText): unknown {
  const ops = text.toDelta() as { insert: unknown; attributes?: object }[]
  return {
    attributes: text.getAttributes(),
    ops: ops.map((op) => ({
      ...op,
      insert: op.insert instanceof Y.XmlText ? slateTree(op.insert) : op.insert,
    })),
  }
}

function load(update: Uint8Array): PlanDoc {
  const doc = docWithClient(99)
  Y.applyUpdate(doc, update)
  return new PlanDoc(doc)
}

function overlaysOf(plan: PlanDoc): number {
  let entries = 0
  for (const measure of MEASURES)
    plan
      .measureRoot(measure)
      .forEach((row) => (entries += (row.get('edits') as Y.Map<number>).size))
  plan.actuals.forEach((row) => {
    entries += (row.get('edits') as Y.Map<number>).size
    entries += (row.get('productionEdits') as Y.Map<number> | undefined)?.size ?? 0
  })
  return entries
}

describe('nextEpochDocument', () => {
  it('keeps every value a reader sees, in every root, with empty overlays', () => {
    const plan = richPlan()
    const before = readable(plan)
    expect(overlaysOf(plan)).toBeGreaterThan(0)
    const { update, epoch } = nextEpochDocument(plan.doc, 5)
    const next = load(update)
    expect(epoch).toBe(1)
    expect(documentEpochOf(next.doc)).toBe(1)
    expect(readable(next)).toEqual(before)
    expect(overlaysOf(next)).toBe(0)
    expect(overlayWeight(next.doc)).toEqual({ entries: 0, items: 0 })
    // Folded into the bases at the right positions: actuals start HISTORY_PERIODS before 0.
    const [sku] = plan.listSkus()
    expect(next.row('demand', sku)!.base.get(2)).toBe(111)
    expect(readActuals(next, sku)[0]).toBe(5)
    // Only the new clientID wrote the new document.
    expect([...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys()]).toEqual([5])
  })

  it('copies comment bodies as Slate trees: attributes, marks and nested elements', () => {
    const plan = richPlan()
    const next = load(nextEpochDocument(plan.doc, 5).update)
    const [message] = readThreads(next)[0].messages
    const [paragraphOp] = message.body.toDelta() as { insert: Y.XmlText; attributes: object }[]
    expect(paragraphOp.attributes).toEqual({ kind: 'paragraph' })
    const paragraph = paragraphOp.insert
    expect(paragraph).toBeInstanceOf(Y.XmlText)
    expect(paragraph.getAttributes()).toEqual({ type: 'paragraph' })
    const ops = paragraph.toDelta() as { insert: unknown; attributes?: object }[]
    expect(ops.slice(0, 2)).toEqual([
      { insert: 'Promo ' },
      { insert: 'week 3', attributes: { bold: true } },
    ])
    const link = ops[2].insert as Y.XmlText
    expect(link.getAttributes()).toEqual({ type: 'link', url: 'https://example.com/promo' })
    expect(link.toString()).toBe('plan')
    // The copy is live: an edit of the copied text integrates like any other.
    link.insert(4, '!')
    expect(link.toString()).toBe('plan!')
  })

  it('counts epochs on', () => {
    const plan = richPlan()
    const first = load(nextEpochDocument(plan.doc, 5).update)
    writeCells(first, [{ measure: 'demand', key: first.listSkus()[0], period: 3, value: 9 }])
    const second = load(nextEpochDocument(first.doc, 6).update)
    expect(documentEpochOf(second.doc)).toBe(2)
    expect(readable(second)).toEqual(readable(first))
  })

  it('keeps an overlay entry that has no base position, rather than lose it', () => {
    const plan = richPlan()
    const [sku] = plan.listSkus()
    plan.row('demand', sku)!.edits.set(String(PERIODS + 3), 4)
    const next = load(nextEpochDocument(plan.doc, 5).update)
    expect(next.row('demand', sku)!.edits.toJSON()).toEqual({ [String(PERIODS + 3)]: 4 })
    expect(next.row('demand', sku)!.base.length).toBe(PERIODS)
  })

  it('leaves a much smaller document after many overwrites, and a lighter overlay', () => {
    const doc = docWithClient(1)
    const plan = createPlanDoc(demoPlan({ skuCount: 50, periodCount: 52, seed: 3 }), doc)
    const skus = plan.listSkus()
    const random = seededRandom(11)
    const fresh = Y.encodeStateAsUpdate(doc).byteLength
    for (let i = 0; i < 20_000; i++) {
      const key = random.pick(skus)
      const period = random.int(0, 51)
      writeCells(plan, [{ measure: 'demand', key, period, value: random.int(0, 999) }])
    }
    const heavy = Y.encodeStateAsUpdate(doc).byteLength
    const weight = overlayWeight(doc)
    // Yjs merges some adjacent deleted items, so this is about one item per overwrite.
    expect(weight.items).toBeGreaterThan(19_000)
    expect(weight.items).toBeLessThanOrEqual(20_000)
    expect(weight.entries).toBeLessThanOrEqual(50 * 52)
    const { update } = nextEpochDocument(doc, 2)
    const next = load(update)
    expect(readable(next).rows).toEqual(readable(plan).rows)
    expect(heavy).toBeGreaterThan(2 * fresh)
    expect(update.byteLength).toBeLessThan(fresh * 1.1)
  })
})
