import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import type { RejectionCode } from '../error-codes.js'
import { PlanDoc } from '../plan-doc.js'
import { writeOverrideReason } from '../override-reasons/override-reason.js'
import { cancelTransfer, writeTransfer } from '../transfers/write-transfer.js'
import type { Transfer } from '../transfers/transfer.js'
import type { UpdateContext } from './check-update.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'

// demoPlan: SKU-00001 at SH, SKU-00002 at SZ, SKU-00003 at HAM, SKU-00004 at SH.
const SH_SKU = 'SKU-00001'
const SZ_SKU = 'SKU-00002'
const HAM_SKU = 'SKU-00003'
const SH_SKU_2 = 'SKU-00004'
const PERIODS = 8

function serverPlan(): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 4, periodCount: PERIODS, seed: 7 }))
}

let nextClient = 1000

function change(server: PlanDoc, write: (client: PlanDoc) => void): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = nextClient++
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  const client = new PlanDoc(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.transact(() => write(client))
  expect(updates).toHaveLength(1)
  return updates[0]
}

type Context = Omit<UpdateContext, 'role'>

function accept(server: PlanDoc, update: Uint8Array, role: Role, context: Context = {}): void {
  const result = checkUpdate(server.doc, update, { role, ...context })
  expect(result.ok ? 'accepted' : result.violation).toBe('accepted')
  Y.applyUpdate(server.doc, update)
}

function reject(
  server: PlanDoc,
  update: Uint8Array,
  role: Role,
  code: RejectionCode,
  context: Context = {},
): RuleViolation {
  const result = checkUpdate(server.doc, update, { role, ...context })
  expect(result.ok ? 'accepted' : result.violation.code).toBe(code)
  if (result.ok) throw new Error('accepted')
  return result.violation
}

const ship = (over: Partial<Transfer> = {}): Transfer => ({
  fromSku: SH_SKU,
  toSku: HAM_SKU,
  period: 2,
  leadTime: 2,
  quantity: 50,
  ...over,
})

describe('sites in meta', () => {
  it('a planner adds a site; other roles may not; a bad list is refused', () => {
    const server = serverPlan()
    const sites = [...server.readMeta().sites, { id: 'MUC', name: 'Munich', country: 'Germany' }]
    reject(
      server,
      change(server, (c) => c.meta.set('sites', sites)),
      'production',
      'forbiddenRole',
    )
    accept(
      server,
      change(server, (c) => c.meta.set('sites', sites)),
      'planner',
    )
    expect(server.readMeta().sites.map((s) => s.id)).toEqual(['SH', 'SZ', 'HAM', 'MUC'])
    const twice = [...sites, { id: 'MUC', name: 'Munich 2', country: 'Germany' }]
    expect(
      reject(
        server,
        change(server, (c) => c.meta.set('sites', twice)),
        'planner',
        'badValue',
      ).reason,
    ).toBe('site MUC is listed twice')
    const blank = [...sites.slice(0, 3), { id: 'MUC', name: ' ', country: 'Germany' }]
    reject(
      server,
      change(server, (c) => c.meta.set('sites', blank)),
      'planner',
      'badValue',
    )
    reject(
      server,
      change(server, (c) => c.meta.set('sites', 'SH')),
      'planner',
      'badValue',
    )
  })

  it('refuses to remove a site a SKU or a resource still names', () => {
    const server = serverPlan()
    const withoutHam = server.readMeta().sites.filter((s) => s.id !== 'HAM')
    const violation = reject(
      server,
      change(server, (c) => c.meta.set('sites', withoutHam)),
      'planner',
      'badValue',
    )
    expect(violation.reason).toMatch(/^site HAM cannot be removed: HAM-L1 is at that site$/)
    expect(violation.place).toEqual({ root: 'meta', field: 'sites' })
  })

  it("a SKU's and a resource's site must be one of the plan's sites", () => {
    const server = serverPlan()
    const violation = reject(
      server,
      change(server, (c) => c.items.get(SH_SKU)?.set('site', 'PAR')),
      'planner',
      'badValue',
    )
    expect(violation.reason).toBe(`${SH_SKU} site PAR is not a site of this plan`)
    accept(
      server,
      change(server, (c) => c.items.get(SH_SKU)?.set('site', 'HAM')),
      'planner',
    )
    const resources = server.readMeta().resources.map((r) => ({ ...r, site: 'PAR' }))
    reject(
      server,
      change(server, (c) => c.meta.set('resources', resources)),
      'planner',
      'badValue',
    )
  })

  it('accepts a SKU moved to a site added in the same update', () => {
    const server = serverPlan()
    const sites = [...server.readMeta().sites, { id: 'PAR', name: 'Paris', country: 'France' }]
    accept(
      server,
      change(server, (c) => {
        c.meta.set('sites', sites)
        c.items.get(SH_SKU)?.set('site', 'PAR')
      }),
      'planner',
    )
    expect(server.readItem(SH_SKU)?.site).toBe('PAR')
  })

  it('a plan without a list of sites (made before sites) takes any site name', () => {
    const input = demoPlan({ skuCount: 2, periodCount: 4 })
    input.meta.sites = []
    const server = createPlanDoc(input)
    accept(
      server,
      change(server, (c) => c.items.get(SH_SKU)?.set('site', 'Anywhere')),
      'planner',
    )
  })
})

describe('transfers', () => {
  it('production and planners enter, change and cancel transfers; sales and viewers may not', () => {
    const server = serverPlan()
    for (const role of ['sales', 'viewer'] as const)
      reject(
        server,
        change(server, (c) => writeTransfer(c, 'T1', ship())),
        role,
        'forbiddenRole',
      )
    accept(
      server,
      change(server, (c) => writeTransfer(c, 'T1', ship())),
      'production',
    )
    accept(
      server,
      change(server, (c) => writeTransfer(c, 'T1', ship({ quantity: 60 }))),
      'planner',
    )
    expect(server.listTransfers()).toEqual([['T1', ship({ quantity: 60 })]])
    reject(
      server,
      change(server, (c) => cancelTransfer(c, 'T1')),
      'sales',
      'forbiddenRole',
    )
    accept(
      server,
      change(server, (c) => cancelTransfer(c, 'T1')),
      'production',
    )
    expect(server.listTransfers()).toEqual([])
  })

  it('refuses a transfer within one site, to an unknown SKU, outside the horizon or out of range', () => {
    const server = serverPlan()
    const cases: [Partial<Transfer> | Record<string, unknown>, RejectionCode, RegExp][] = [
      [
        { toSku: SH_SKU_2 },
        'badValue',
        /are both at site SH; a transfer moves stock between sites/,
      ],
      [{ toSku: 'SKU-09999' }, 'badValue', /no SKU SKU-09999 in this plan/],
      [{ period: PERIODS }, 'badStructure', /period 8 is outside the plan's horizon/],
      [{ leadTime: -1 }, 'outOfRange', /lead time must be 0 to 8 periods/],
      [{ quantity: 0 }, 'outOfRange', /quantity must be more than 0/],
      [{ quantity: 1.5 }, 'outOfRange', /allows 0 decimal places/],
      [{ quantity: 'ten' }, 'badValue', /must be \{ fromSku, toSku, period, leadTime, quantity \}/],
      [{ note: 'x' }, 'badValue', /must be \{/],
    ]
    for (const [over, code, reason] of cases) {
      const update = change(server, (c) => c.transfers.set('T1', { ...ship(), ...over }))
      expect(reject(server, update, 'planner', code).reason).toMatch(reason)
    }
    reject(
      server,
      change(server, (c) => c.transfers.set('bad id', ship())),
      'planner',
      'badStructure',
    )
  })

  it('a transfer shipping in a frozen period can be neither entered nor changed nor cancelled', () => {
    const server = serverPlan()
    accept(
      server,
      change(server, (c) => writeTransfer(c, 'T1', ship({ period: 1 }))),
      'planner',
    )
    accept(
      server,
      change(server, (c) => c.meta.set('frozenThrough', 1)),
      'planner',
    )
    const entered = reject(
      server,
      change(server, (c) => writeTransfer(c, 'T2', ship({ period: 0 }))),
      'planner',
      'frozenPeriod',
    )
    expect(entered.reason).toBe('transfer T2 ships in 2026-W49 (period 0), a frozen period')
    reject(
      server,
      change(server, (c) => writeTransfer(c, 'T1', ship({ period: 3 }))),
      'planner',
      'frozenPeriod',
    )
    reject(
      server,
      change(server, (c) => cancelTransfer(c, 'T1')),
      'production',
      'frozenPeriod',
    )
  })

  it('an approved plan takes no transfer', () => {
    const server = serverPlan()
    accept(
      server,
      change(server, (c) => c.meta.set('status', 'approved')),
      'planner',
    )
    reject(
      server,
      change(server, (c) => writeTransfer(c, 'T1', ship())),
      'planner',
      'planApproved',
    )
  })
})

describe('roles scoped to a site', () => {
  const hamProduction: Context = { sites: ['HAM'] }

  it('edits supply and capacity of its own site and is refused, naming cell and site, elsewhere', () => {
    const server = serverPlan()
    accept(
      server,
      change(server, (c) => c.writeCell('supply', HAM_SKU, 3, 10)),
      'production',
      hamProduction,
    )
    accept(
      server,
      change(server, (c) => c.writeCell('capacity', 'HAM-L1', 3, 10)),
      'production',
      hamProduction,
    )
    const supply = reject(
      server,
      change(server, (c) => c.writeCell('supply', SH_SKU, 3, 10)),
      'production',
      'outOfScope',
      hamProduction,
    )
    expect(supply.reason).toBe(
      `supply ${SH_SKU}, 2026-W52 (period 3) is at site SH; your production role is scoped to HAM`,
    )
    expect(supply.place).toEqual({ root: 'supply', key: SH_SKU, period: 3 })
    const capacity = reject(
      server,
      change(server, (c) => c.writeCell('capacity', 'SZ-L1', 3, 10)),
      'production',
      'outOfScope',
      hamProduction,
    )
    expect(capacity.reason).toMatch(/^capacity SZ-L1, .* is at site SZ; your production role/)
  })

  it('cannot revert an edit of another site either (an overlay deletion)', () => {
    const server = serverPlan()
    accept(
      server,
      change(server, (c) => c.writeCell('supply', SZ_SKU, 2, 7)),
      'production',
    )
    const revert = change(server, (c) => c.row('supply', SZ_SKU)?.edits.delete('2'))
    reject(server, revert, 'production', 'outOfScope', hamProduction)
    accept(server, revert, 'production')
  })

  it('enters transfers that ship from its site only, and changes or cancels only those', () => {
    const server = serverPlan()
    const toHam = ship()
    const fromHam = ship({ fromSku: HAM_SKU, toSku: SZ_SKU })
    const refused = reject(
      server,
      change(server, (c) => writeTransfer(c, 'T1', toHam)),
      'production',
      'outOfScope',
      hamProduction,
    )
    expect(refused.reason).toBe(
      `transfer T1 ships from ${SH_SKU} at site SH; your production role is scoped to HAM`,
    )
    accept(
      server,
      change(server, (c) => writeTransfer(c, 'T1', toHam)),
      'production',
    )
    reject(
      server,
      change(server, (c) => cancelTransfer(c, 'T1')),
      'production',
      'outOfScope',
      hamProduction,
    )
    accept(
      server,
      change(server, (c) => writeTransfer(c, 'T2', fromHam)),
      'production',
      hamProduction,
    )
    reject(
      server,
      change(server, (c) =>
        writeTransfer(c, 'T2', { ...fromHam, fromSku: SZ_SKU, toSku: HAM_SKU }),
      ),
      'production',
      'outOfScope',
      hamProduction,
    )
    accept(
      server,
      change(server, (c) => cancelTransfer(c, 'T2')),
      'production',
      hamProduction,
    )
  })

  it('scopes sales too: demand and its override reasons of other sites are refused', () => {
    const server = serverPlan()
    const shSales: Context = { sites: ['SH'] }
    accept(
      server,
      change(server, (c) => c.writeCell('demand', SH_SKU, 4, 5)),
      'sales',
      shSales,
    )
    reject(
      server,
      change(server, (c) => c.writeCell('demand', HAM_SKU, 4, 5)),
      'sales',
      'outOfScope',
      shSales,
    )
    const reason = change(server, (c) =>
      writeOverrideReason(c, HAM_SKU, 4, { reason: 'promotion', note: '' }),
    )
    reject(server, reason, 'sales', 'outOfScope', shSales)
  })

  it('a scope of several sites allows each of them', () => {
    const server = serverPlan()
    reject(
      server,
      change(server, (c) => c.writeCell('supply', SH_SKU, 3, 10)),
      'production',
      'outOfScope',
      hamProduction,
    )
    accept(
      server,
      change(server, (c) => c.writeCell('supply', HAM_SKU, 3, 10)),
      'production',
      { sites: ['HAM', 'SH'] },
    )
  })
})
