import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import { checkUpdate } from '../rules/check-update.js'
import type { Role } from '../rules/role.js'
import { cycleMap, readCycle } from './cycle-state.js'
import { checkReopen, checkSignOff, writeReopening, writeSignOff } from './cycle-transition.js'

const SKU = 'SKU-00001'

function serverPlan(): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 2, periodCount: 8, seed: 3 }))
}

/** The update of one transaction by a client synced with the server. */
function clientUpdate(server: PlanDoc, write: (client: PlanDoc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  // A fixed clientID, set after the sync (as a reconnecting client would), keeps the test seeded.
  doc.clientID = 4242
  const client = new PlanDoc(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.transact(() => write(client))
  expect(updates).toHaveLength(1)
  return updates[0]
}

function verdict(server: PlanDoc, update: Uint8Array, role: Role, userId = 'u-1') {
  const result = checkUpdate(server.doc, update, { role, userId })
  return result.ok ? 'accepted' : `${result.violation.code}: ${result.violation.reason}`
}

function signOffDemandReview(server: PlanDoc): void {
  writeSignOff(server.doc, { stage: 'dataGathering', by: 'p', at: '2026-12-01T09:00:00Z' })
  writeSignOff(server.doc, { stage: 'demandReview', by: 's', at: '2026-12-02T09:00:00Z' })
}

describe('sign-off and reopening', () => {
  it('signs off only the current stage, by its owner or a planner', () => {
    expect(checkSignOff('demandReview', false, 'demandReview', 'sales')).toBeUndefined()
    expect(checkSignOff('demandReview', false, 'demandReview', 'planner')).toBeUndefined()
    expect(checkSignOff('demandReview', false, 'demandReview', 'production')?.code).toBe(
      'forbidden',
    )
    expect(checkSignOff('demandReview', false, 'supplyReview', 'planner')?.message).toContain(
      'only that stage can be signed off',
    )
    expect(checkSignOff('executiveSop', true, 'executiveSop', 'planner')?.message).toContain(
      'complete',
    )
  })

  it('lets only a planner reopen a signed-off stage, and only with a reason', () => {
    expect(checkReopen('supplyReview', false, 'demandReview', 'planner', 'late orders')).toBe(
      undefined,
    )
    expect(checkReopen('supplyReview', false, 'demandReview', 'sales', 'late')?.code).toBe(
      'forbidden',
    )
    expect(checkReopen('supplyReview', false, 'demandReview', 'planner', '  ')?.field).toBe(
      'reason',
    )
    expect(checkReopen('supplyReview', false, 'preSop', 'planner', 'why')?.code).toBe('conflict')
    expect(checkReopen('executiveSop', true, 'executiveSop', 'planner', 'redo')).toBeUndefined()
  })

  it('moves one stage forward per sign-off and back on a reopening, keeping both logs', () => {
    const server = serverPlan()
    signOffDemandReview(server)
    expect(readCycle(server.doc).stage).toBe('supplyReview')
    writeReopening(server.doc, {
      stage: 'demandReview',
      by: 'p',
      at: '2026-12-02T10:00:00Z',
      reason: 'Late orders from the east',
    })
    const cycle = readCycle(server.doc)
    expect(cycle.stage).toBe('demandReview')
    expect(cycle.signOffs.map((s) => s.stage)).toEqual(['dataGathering', 'demandReview'])
    expect(cycle.reopenings).toEqual([
      {
        stage: 'demandReview',
        by: 'p',
        at: '2026-12-02T10:00:00Z',
        reason: 'Late orders from the east',
      },
    ])
  })
})

describe('checkUpdate on the cycle root', () => {
  it('refuses a stage moved or a sign-off written by a client, even a planner', () => {
    const server = serverPlan()
    const moved = clientUpdate(server, (c) => cycleMap(c.doc).set('stage', 'supplyReview'))
    expect(verdict(server, moved, 'planner')).toMatch(
      /^forbiddenRole: The cycle's stage is written only by Tandem/,
    )
    const forged = clientUpdate(server, (c) => {
      const list = new Y.Array<unknown>()
      list.push([{ stage: 'demandReview', by: 'someone-else', at: '2026-12-02T09:00:00Z' }])
      cycleMap(c.doc).set('signOffs', list)
    })
    expect(verdict(server, forged, 'sales')).toMatch(/^forbiddenRole/)
  })

  it('refuses rewriting or deleting past sign-offs', () => {
    const server = serverPlan()
    signOffDemandReview(server)
    const rewrite = clientUpdate(server, (c) => {
      const list = cycleMap(c.doc).get('signOffs') as Y.Array<unknown>
      list.delete(1, 1)
      list.insert(1, [{ stage: 'demandReview', by: 'p', at: '2026-12-03T09:00:00Z' }])
    })
    expect(verdict(server, rewrite, 'planner')).toMatch(/^forbiddenRole/)
    const removal = clientUpdate(server, (c) => {
      ;(cycleMap(c.doc).get('signOffs') as Y.Array<unknown>).delete(0, 1)
    })
    expect(verdict(server, removal, 'planner')).toMatch(/^forbiddenDeletion/)
  })

  it('lets a planner set and change a due date, and no one else', () => {
    const server = serverPlan()
    const due = clientUpdate(server, (c) => cycleMap(c.doc).set('due.demandReview', '2026-12-10'))
    expect(verdict(server, due, 'sales')).toMatch(/^forbiddenRole: Only a planner/)
    expect(verdict(server, due, 'planner')).toBe('accepted')
    Y.applyUpdate(server.doc, due)
    const moved = clientUpdate(server, (c) => cycleMap(c.doc).set('due.demandReview', '2026-12-12'))
    expect(verdict(server, moved, 'planner')).toBe('accepted')
    const bad = clientUpdate(server, (c) => cycleMap(c.doc).set('due.demandReview', 'tomorrow'))
    expect(verdict(server, bad, 'planner')).toMatch(/^badValue: The due date of demandReview/)
    const unknown = clientUpdate(server, (c) => cycleMap(c.doc).set('due.lunch', '2026-12-12'))
    expect(verdict(server, unknown, 'planner')).toMatch(/^forbiddenRole/)
  })
})

describe('the demand lock', () => {
  it("refuses sales' demand edits after the demand review is signed off, until it is reopened", () => {
    const server = serverPlan()
    const salesEdit = () => clientUpdate(server, (c) => c.writeCell('demand', SKU, 5, 42))
    expect(verdict(server, salesEdit(), 'sales')).toBe('accepted')
    signOffDemandReview(server)
    expect(verdict(server, salesEdit(), 'sales')).toMatch(
      /^stageLocked: The demand review is signed off \(the plan is in the supplyReview stage\): demand is locked until a planner reopens it: /,
    )
    expect(verdict(server, salesEdit(), 'planner')).toBe('accepted')
    writeReopening(server.doc, {
      stage: 'demandReview',
      by: 'p',
      at: '2026-12-02T11:00:00Z',
      reason: 'x',
    })
    expect(verdict(server, salesEdit(), 'sales')).toBe('accepted')
  })

  it('refuses a locked revert to the base value too', () => {
    const server = serverPlan()
    server.writeCell('demand', SKU, 5, 42)
    signOffDemandReview(server)
    const revert = clientUpdate(server, (c) => c.row('demand', SKU)?.edits.delete('5'))
    expect(verdict(server, revert, 'sales')).toMatch(/^stageLocked/)
  })

  it('leaves supply and capacity to production as before', () => {
    const server = serverPlan()
    signOffDemandReview(server)
    const supply = clientUpdate(server, (c) => c.writeCell('supply', SKU, 5, 42))
    expect(verdict(server, supply, 'production')).toBe('accepted')
  })
})
