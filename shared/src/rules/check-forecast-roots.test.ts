import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readActuals } from '../actuals/actuals-row.js'
import { HISTORY_PERIODS } from '../actuals/history-periods.js'
import { writeActual, writeActualsRow } from '../actuals/write-actuals.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { forecastSeries } from '../forecast/forecast-series.js'
import { writeOverrideReason } from '../override-reasons/override-reason.js'
import { PlanDoc } from '../plan-doc.js'
import { statisticalForecastOf } from '../statistical-forecast/statistical-forecast.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'

const SKU = 'SKU-00001'
const PERIODS = 6
const HISTORY = HISTORY_PERIODS.week

function serverPlan(): PlanDoc {
  const plan = createPlanDoc(demoPlan({ skuCount: 3, periodCount: PERIODS, seed: 3 }))
  plan.doc.transact(() => writeActualsRow(plan, SKU, new Map([[-1, 40]])))
  return plan
}

function update(server: PlanDoc, write: (client: PlanDoc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  // A fixed clientID, set after the sync (as a reconnecting client would), keeps the test seeded.
  doc.clientID = 4242
  const client = new PlanDoc(doc)
  let bytes: Uint8Array | undefined
  doc.on('update', (u: Uint8Array) => (bytes = u))
  doc.transact(() => write(client))
  if (!bytes) throw new Error('no update')
  return bytes
}

function verdict(server: PlanDoc, role: Role, write: (client: PlanDoc) => void): string {
  const result = checkUpdate(server.doc, update(server, write), { role })
  return result.ok ? 'ok' : result.violation.code
}

describe('actuals', () => {
  it('rows span three years of history and the horizon; the server writes them whole', () => {
    const plan = serverPlan()
    const values = readActuals(plan, SKU)
    expect(values).toHaveLength(HISTORY + PERIODS)
    expect(values[HISTORY - 1]).toBe(40)
    expect(values[0]).toBeNull()
  })

  it('a planner writes and reverts an actual, history or plan period; no one else may', () => {
    const plan = serverPlan()
    for (const period of [-HISTORY, -1, 0, PERIODS - 1]) {
      expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, period, 12))).toBe('ok')
      for (const role of ['sales', 'production', 'viewer'] as const)
        expect(verdict(plan, role, (c) => writeActual(c, SKU, period, 12))).toBe('forbiddenRole')
    }
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, -HISTORY - 1, 1))).toBe(
      'badStructure',
    )
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, PERIODS, 1))).toBe('badStructure')
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, -3, -1))).toBe('outOfRange')
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, -3, 1.5))).toBe('outOfRange')
    Y.applyUpdate(
      plan.doc,
      update(plan, (c) => writeActual(c, SKU, -2, 9)),
    )
    const revert = (c: PlanDoc) => (c.actuals.get(SKU)?.get('edits') as Y.Map<number>).delete('-2')
    expect(verdict(plan, 'sales', revert)).toBe('forbiddenRole')
    expect(verdict(plan, 'planner', revert)).toBe('ok')
  })

  it('actuals of frozen periods stay writable, an approved plan refuses them', () => {
    const plan = serverPlan()
    plan.meta.set('frozenThrough', 2)
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, 1, 5))).toBe('ok')
    plan.meta.set('status', 'approved')
    expect(verdict(plan, 'planner', (c) => writeActual(c, SKU, 1, 5))).toBe('planApproved')
  })

  it('a client may not replace a row; a planner may create a missing one whole', () => {
    const plan = serverPlan()
    expect(verdict(plan, 'planner', (c) => writeActualsRow(c, SKU, new Map()))).toBe('badStructure')
    expect(verdict(plan, 'planner', (c) => writeActualsRow(c, 'SKU-00002', new Map()))).toBe('ok')
    expect(verdict(plan, 'sales', (c) => writeActualsRow(c, 'SKU-00002', new Map()))).toBe(
      'forbiddenRole',
    )
    const short = (c: PlanDoc) => {
      const row = new Y.Map<unknown>()
      const base = new Y.Array<number | null>()
      base.insert(0, [1, 2, 3])
      row.set('base', base)
      row.set('edits', new Y.Map())
      c.actuals.set('SKU-00002', row)
    }
    expect(verdict(plan, 'planner', short)).toBe('badStructure')
  })
})

describe('the statistical forecast root', () => {
  it('refuses every client, whatever its role', () => {
    const plan = serverPlan()
    const result = forecastSeries([10, 12, 11, 13, 12, 14, 13, 15], {
      seasonLength: 1,
      horizon: PERIODS,
    })
    const stored = statisticalForecastOf(result, 0, '2026-12-02T00:00:00.000Z')
    for (const role of ['planner', 'sales', 'production', 'viewer'] as const)
      expect(verdict(plan, role, (c) => c.forecast.set(SKU, stored))).toBe('forbiddenRole')
    plan.forecast.set(SKU, stored)
    expect(verdict(plan, 'planner', (c) => c.forecast.delete(SKU))).toBe('forbiddenDeletion')
  })
})

describe('override reasons', () => {
  const promotion = { reason: 'promotion', note: '' } as const

  it('whoever may edit the demand cell may give or clear its reason', () => {
    const plan = serverPlan()
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, 2, promotion))).toBe('ok')
    expect(verdict(plan, 'planner', (c) => writeOverrideReason(c, SKU, 2, promotion))).toBe('ok')
    for (const role of ['production', 'viewer'] as const)
      expect(verdict(plan, role, (c) => writeOverrideReason(c, SKU, 2, promotion))).toBe(
        'forbiddenRole',
      )
    plan.overrideReasons.set(`${SKU}@2`, promotion)
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, 2, undefined))).toBe('ok')
    expect(verdict(plan, 'production', (c) => writeOverrideReason(c, SKU, 2, undefined))).toBe(
      'forbiddenRole',
    )
  })

  it('keeps the frozen periods, the horizon and the reason list', () => {
    const plan = serverPlan()
    plan.meta.set('frozenThrough', 1)
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, 1, promotion))).toBe(
      'frozenPeriod',
    )
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, PERIODS, promotion))).toBe(
      'badStructure',
    )
    expect(verdict(plan, 'sales', (c) => c.overrideReasons.set('nobody@2', promotion))).toBe(
      'badStructure',
    )
    expect(
      verdict(plan, 'sales', (c) => c.overrideReasons.set(`${SKU}@3`, { reason: 'mood' })),
    ).toBe('badValue')
    const other = { reason: 'other', note: ' ' } as const
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, 3, other))).toBe('badValue')
    const said = { reason: 'other', note: 'Retailer listing' } as const
    expect(verdict(plan, 'sales', (c) => writeOverrideReason(c, SKU, 3, said))).toBe('ok')
    const extra = (c: PlanDoc) => c.overrideReasons.set(`${SKU}@3`, { ...promotion, by: 'me' })
    expect(verdict(plan, 'sales', extra)).toBe('badValue')
  })
})
