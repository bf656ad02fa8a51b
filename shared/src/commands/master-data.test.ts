import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import type { Item } from '../item.js'
import { PlanDoc } from '../plan-doc.js'
import { PlanModel } from '../plan-model.js'
import { rollForward } from '../roll-forward.js'
import { checkItemChange } from '../rules/check-item-change.js'
import { checkSettingsChange } from '../rules/check-settings-change.js'
import { checkUpdate } from '../rules/check-update.js'
import type { Role } from '../rules/role.js'
import { addItem } from './add-item.js'
import type { ItemFields } from './write-item-fields.js'
import { writeItemFields } from './write-item-fields.js'
import type { SettingsChange } from './write-settings.js'
import { writeSettings } from './write-settings.js'

const NEW_ITEM: Item = {
  sku: 'SKU-NEW',
  name: 'Sparkling 1 l',
  family: 'Water',
  site: 'SH',
  unit: 'cs',
  openingStock: 120,
  safetyStock: 40,
  maxStock: 0,
  resource: '',
}

function serverPlan(): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 6, periodCount: 8, seed: 3 }))
}

/** The one update a client synced with the server sends for a command. */
function updateOf(server: PlanDoc, write: (client: PlanDoc) => void): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 4242
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  write(new PlanDoc(doc))
  expect(updates).toHaveLength(1)
  return updates[0]
}

function serverVerdict(server: PlanDoc, role: Role, write: (client: PlanDoc) => void) {
  const verdict = checkUpdate(server.doc, updateOf(server, write), { role })
  return verdict.ok ? 'accepted' : verdict.violation
}

describe('master data commands, checked by the client rules and the server alike', () => {
  it('adds a SKU with its item fields and both rows in one update only a planner may send', () => {
    const server = serverPlan()
    for (const role of ['planner', 'sales', 'production', 'viewer'] as const) {
      const client = checkItemChange(server, role, {
        sku: NEW_ITEM.sku,
        fields: NEW_ITEM,
        isNew: true,
      })
      const verdict = serverVerdict(server, role, (plan) => addItem(plan, NEW_ITEM))
      if (role === 'planner') {
        expect(client).toBeUndefined()
        expect(verdict).toBe('accepted')
      } else {
        expect(client?.code).toBe('forbiddenRole')
        expect(verdict).toMatchObject({ code: 'forbiddenRole' })
      }
    }
    const update = updateOf(server, (plan) => addItem(plan, NEW_ITEM))
    Y.applyUpdate(server.doc, update)
    expect(server.readItem('SKU-NEW')).toEqual(NEW_ITEM)
    expect(server.readItem('SKU-NEW')).not.toHaveProperty('price')
    expect(server.readRow('demand', 'SKU-NEW')).toEqual(new Array(8).fill(0))
    expect(server.readRow('supply', 'SKU-NEW')).toEqual(new Array(8).fill(0))
    expect(
      checkItemChange(server, 'planner', { sku: 'SKU-NEW', fields: {}, isNew: true }),
    ).toMatchObject({ code: 'badStructure', place: { field: 'sku' } })
    expect(
      checkItemChange(server, 'planner', { sku: 'bad id!', fields: {}, isNew: true }),
    ).toMatchObject({ code: 'badValue', place: { field: 'sku' } })
  })

  it.each<[string, ItemFields, string]>([
    ['a negative safety stock', { safetyStock: -5 }, 'safetyStock'],
    ['a negative opening stock', { openingStock: -1 }, 'openingStock'],
    ['a maximum stock above the largest value', { maxStock: 2e9 }, 'maxStock'],
    ['a name longer than 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['an unknown resource', { resource: 'NOPE' }, 'resource'],
    ['a negative price', { price: -0.5 }, 'price'],
    ['a unit cost above the largest value', { unitCost: 2e9 }, 'unitCost'],
    ['a price that is not a finite number', { price: Number.POSITIVE_INFINITY }, 'price'],
    ['a lead time that is not whole periods', { leadTime: 1.5 }, 'leadTime'],
    ['a lead time longer than the horizon', { leadTime: 10_000 }, 'leadTime'],
    ['a negative minimum batch', { minBatch: -1 }, 'minBatch'],
    ['a lot size above the largest value', { lotSize: 2e9 }, 'lotSize'],
  ])('refuses %s on the client and on the server, naming the field', (_, fields, field) => {
    const server = serverPlan()
    const sku = server.listSkus()[0]
    const client = checkItemChange(server, 'planner', { sku, fields })
    expect(client?.place).toEqual({ root: 'items', key: sku, field })
    const verdict = serverVerdict(server, 'planner', (plan) => writeItemFields(plan, sku, fields))
    expect(verdict).toMatchObject({ code: client?.code, place: { root: 'items', key: sku, field } })
  })

  it('sets a price and a unit cost: a planner only, read back', () => {
    const server = serverPlan()
    const sku = server.listSkus()[0]
    expect(server.readItem(sku)?.price).not.toBe(12.5)
    const fields = { price: 12.5, unitCost: 7.25 }
    for (const role of ['sales', 'production', 'viewer'] as const) {
      expect(checkItemChange(server, role, { sku, fields })?.code).toBe('forbiddenRole')
      expect(
        serverVerdict(server, role, (plan) => writeItemFields(plan, sku, fields)),
      ).toMatchObject({ code: 'forbiddenRole', place: { root: 'items', key: sku } })
    }
    expect(checkItemChange(server, 'planner', { sku, fields })).toBeUndefined()
    const update = updateOf(server, (plan) => writeItemFields(plan, sku, fields))
    expect(checkUpdate(server.doc, update, { role: 'planner' }).ok).toBe(true)
    Y.applyUpdate(server.doc, update)
    expect(server.readItem(sku)).toMatchObject({ price: 12.5, unitCost: 7.25 })
  })

  it('sets lead time, minimum batch and lot size: a planner only, read back', () => {
    const server = serverPlan()
    const sku = server.listSkus()[0]
    expect(server.readItem(sku)).not.toHaveProperty('leadTime')
    const fields = { leadTime: 2, minBatch: 100, lotSize: 25 }
    expect(checkItemChange(server, 'production', { sku, fields })?.code).toBe('forbiddenRole')
    expect(checkItemChange(server, 'planner', { sku, fields })).toBeUndefined()
    const update = updateOf(server, (plan) => writeItemFields(plan, sku, fields))
    expect(checkUpdate(server.doc, update, { role: 'planner' }).ok).toBe(true)
    Y.applyUpdate(server.doc, update)
    expect(server.readItem(sku)).toMatchObject(fields)
    expect(checkItemChange(server, 'planner', { sku, fields: { leadTime: 0.5 } })?.reason).toBe(
      `${sku} leadTime must be a whole number of periods`,
    )
  })

  it('names the field and the value of a refused price', () => {
    const server = serverPlan()
    const sku = server.listSkus()[0]
    expect(checkItemChange(server, 'planner', { sku, fields: { price: -3 } })?.reason).toBe(
      `${sku} price must not be negative (got -3)`,
    )
  })

  it('retires a SKU: hidden from the families, out of roll-ups and roll-forward, still in the document', () => {
    const server = serverPlan()
    const model = new PlanModel(server)
    const sku = server.listSkus()[0]
    const family = server.readItem(sku)!.family
    const before = model.family(family)!
    const demand = server.readRow('demand', sku)
    expect(
      serverVerdict(server, 'sales', (plan) => writeItemFields(plan, sku, { retired: true })),
    ).toMatchObject({ code: 'forbiddenRole' })
    const update = updateOf(server, (plan) => writeItemFields(plan, sku, { retired: true }))
    expect(checkUpdate(server.doc, update, { role: 'planner' }).ok).toBe(true)
    Y.applyUpdate(server.doc, update)

    expect(server.readItem(sku)?.retired).toBe(true)
    expect(server.listSkus()).toContain(sku)
    expect(server.readRow('demand', sku)).toEqual(demand)
    expect([...server.listFamilies().values()].flat()).not.toContain(sku)
    expect(model.sku(sku)).toBeUndefined()
    const after = model.family(family)
    expect(after?.skus ?? []).not.toContain(sku)
    expect(after?.demand[0] ?? 0).toBe(before.demand[0] - demand[0])
    expect(rollForward(server, 1, 'Next').items.map((item) => item.sku)).not.toContain(sku)

    Y.applyUpdate(
      server.doc,
      updateOf(server, (plan) => writeItemFields(plan, sku, { retired: false })),
    )
    expect(model.sku(sku)).toBeDefined()
    expect(model.family(family)?.demand[0]).toBe(before.demand[0])
    model.destroy()
  })
})

describe('plan settings, checked by the client rules and the server alike', () => {
  it.each<SettingsChange>([
    { name: 'Consensus plan, December' },
    { frozenThrough: 3 },
    { frozenThrough: -1 },
    { status: 'approved' },
    { unit: 'kg' },
    { decimals: 2 },
  ])('lets a planner set %o and refuses it from every other role', (change) => {
    const server = serverPlan()
    if (change.frozenThrough === -1) server.meta.set('frozenThrough', 2)
    expect(checkSettingsChange(server.readMeta(), 'planner', change)).toBeUndefined()
    expect(serverVerdict(server, 'planner', (plan) => writeSettings(plan, change))).toBe('accepted')
    for (const role of ['sales', 'production', 'viewer'] as const) {
      expect(checkSettingsChange(server.readMeta(), role, change)?.code).toBe('forbiddenRole')
      expect(serverVerdict(server, role, (plan) => writeSettings(plan, change))).toMatchObject({
        code: 'forbiddenRole',
      })
    }
  })

  it.each<[SettingsChange, string]>([
    [{ name: '  ' }, 'name'],
    [{ decimals: 7 }, 'decimals'],
    [{ decimals: 1.5 }, 'decimals'],
    [{ frozenThrough: 8 }, 'frozenThrough'],
    [{ unit: 'x'.repeat(21) }, 'unit'],
  ])('refuses %o, naming the setting', (change, field) => {
    const server = serverPlan()
    const client = checkSettingsChange(server.readMeta(), 'planner', change)
    expect(client).toMatchObject({ code: 'outOfRange', place: { root: 'meta', field } })
    expect(serverVerdict(server, 'planner', (plan) => writeSettings(plan, change))).toMatchObject({
      code: 'outOfRange',
      place: { field },
    })
  })

  it('takes only a status change in an approved plan', () => {
    const server = serverPlan()
    server.meta.set('status', 'approved')
    const meta = server.readMeta()
    expect(checkSettingsChange(meta, 'planner', { name: 'Renamed' })?.code).toBe('planApproved')
    expect(
      serverVerdict(server, 'planner', (plan) => writeSettings(plan, { name: 'Renamed' })),
    ).toMatchObject({ code: 'planApproved' })
    expect(checkSettingsChange(meta, 'planner', { status: 'draft' })).toBeUndefined()
    expect(
      serverVerdict(server, 'planner', (plan) => writeSettings(plan, { status: 'draft' })),
    ).toBe('accepted')
    const sku = server.listSkus()[0]
    expect(checkItemChange(server, 'planner', { sku, fields: { safetyStock: 1 } })?.code).toBe(
      'planApproved',
    )
  })
})
