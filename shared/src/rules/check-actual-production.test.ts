import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readActuals } from '../actuals/actuals-row.js'
import { HISTORY_PERIODS } from '../actuals/history-periods.js'
import { writeActual, writeActualsRow } from '../actuals/write-actuals.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'

const SKU = 'SKU-00001'
const PERIODS = 6
const HISTORY = HISTORY_PERIODS.week

function serverPlan(): PlanDoc {
  const plan = createPlanDoc(demoPlan({ skuCount: 3, periodCount: PERIODS, seed: 3 }))
  plan.doc.transact(() => writeActualsRow(plan, SKU, new Map([[-1, 40]])))
  plan.doc.transact(() => writeActualsRow(plan, SKU, new Map([[-1, 38]]), 'production'))
  return plan
}

function verdict(server: PlanDoc, role: Role, write: (client: PlanDoc) => void): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  doc.clientID = 4343
  let bytes: Uint8Array | undefined
  doc.on('update', (u: Uint8Array) => (bytes = u))
  doc.transact(() => write(new PlanDoc(doc)))
  if (!bytes) throw new Error('no update')
  const result = checkUpdate(server.doc, bytes, { role })
  return result.ok ? 'ok' : result.violation.code
}

describe('actual production, beside actual demand in the actuals row', () => {
  it('is written whole by the server and keeps the demand of the row', () => {
    const plan = serverPlan()
    expect(readActuals(plan, SKU, 'production')[HISTORY - 1]).toBe(38)
    expect(readActuals(plan, SKU)[HISTORY - 1]).toBe(40)
    plan.doc.transact(() => writeActualsRow(plan, SKU, new Map([[-2, 41]])))
    expect(readActuals(plan, SKU, 'production')[HISTORY - 1]).toBe(38)
    expect(readActuals(plan, 'SKU-00002', 'production').every((v) => v === null)).toBe(true)
  })

  it('a planner writes one actual of production under the same rules as demand', () => {
    const plan = serverPlan()
    const write = (period: number, value: number) => (c: PlanDoc) =>
      writeActual(c, SKU, period, value, 'production')
    expect(verdict(plan, 'planner', write(-3, 12))).toBe('ok')
    expect(verdict(plan, 'production', write(-3, 12))).toBe('forbiddenRole')
    expect(verdict(plan, 'planner', write(-3, -1))).toBe('outOfRange')
    expect(verdict(plan, 'planner', write(-HISTORY - 1, 1))).toBe('badStructure')
  })

  it('a client may not rewrite the production base; a new row may carry one of the full length', () => {
    const plan = serverPlan()
    const rewrite = (c: PlanDoc) =>
      (c.actuals.get(SKU)!.get('productionBase') as Y.Array<number | null>).insert(0, [1])
    expect(verdict(plan, 'planner', rewrite)).toBe('badStructure')
    expect(
      verdict(plan, 'planner', (c) => writeActualsRow(c, 'SKU-00002', new Map(), 'production')),
    ).toBe('ok')
    const short = (c: PlanDoc) => {
      const row = new Y.Map<unknown>()
      const base = new Y.Array<number | null>()
      base.insert(0, new Array<null>(HISTORY + PERIODS).fill(null))
      const production = new Y.Array<number | null>()
      production.insert(0, [1, 2])
      row.set('base', base)
      row.set('edits', new Y.Map())
      row.set('productionBase', production)
      row.set('productionEdits', new Y.Map())
      c.actuals.set('SKU-00002', row)
    }
    expect(verdict(plan, 'planner', short)).toBe('badStructure')
  })
})
