import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import type { RejectionCode } from '../error-codes.js'
import type { Item } from '../item.js'
import { PlanDoc } from '../plan-doc.js'
import type { MeasureRow } from '../plan-doc.js'
import type { Measure } from '../roots.js'
import { seededRandom } from '../seeded-random.js'
import type { UpdateContext } from './check-update.js'
import { checkUpdate } from './check-update.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'

const SKU = 'SKU-00001'
const OTHER_SKU = 'SKU-00002'
const RESOURCE = 'SH-L1'
const PERIODS = 8

function serverPlan(): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 4, periodCount: PERIODS, seed: 7 }))
}

/** A client that has synced the server's whole state. */
function connect(server: PlanDoc, options: { gc?: boolean } = {}): PlanDoc {
  const doc = new Y.Doc(options)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  return new PlanDoc(doc)
}

/** The one update a local transaction on `client` emits. */
function edit(client: PlanDoc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => updates.push(update)
  client.doc.on('update', onUpdate)
  client.doc.transact(change)
  client.doc.off('update', onUpdate)
  expect(updates).toHaveLength(1)
  return updates[0]
}

/** The update of one transaction by a client freshly synced with the server. */
function change(
  server: PlanDoc,
  write: (client: PlanDoc) => void,
  options: { gc?: boolean } = {},
): Uint8Array {
  const client = connect(server, options)
  return edit(client, () => write(client))
}

function check(
  server: PlanDoc,
  update: Uint8Array,
  role: Role,
  context: Omit<UpdateContext, 'role'> = {},
) {
  return checkUpdate(server.doc, update, { role, ...context })
}

/** Asserts the server accepts the update, then applies it as the server would. */
function accept(
  server: PlanDoc,
  update: Uint8Array,
  role: Role,
  context: Omit<UpdateContext, 'role'> = {},
): void {
  const result = check(server, update, role, context)
  expect(result.ok ? 'accepted' : result.violation).toBe('accepted')
  Y.applyUpdate(server.doc, update)
}

/** Asserts the server rejects the update with `code`, and that checking left it untouched. */
function reject(
  server: PlanDoc,
  update: Uint8Array,
  role: Role,
  code: RejectionCode,
  context: Omit<UpdateContext, 'role'> = {},
): RuleViolation {
  const before = Y.encodeStateAsUpdate(server.doc)
  const result = check(server, update, role, context)
  expect(result.ok ? 'accepted' : result.violation.code).toBe(code)
  expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before)
  if (result.ok) throw new Error('accepted')
  expect(result.violation.reason.length).toBeGreaterThan(0)
  return result.violation
}

function rowOf(plan: PlanDoc, measure: Measure, key: string): MeasureRow {
  const row = plan.row(measure, key)
  if (!row) throw new Error(`no ${measure} row ${key}`)
  return row
}

function rowMap(plan: PlanDoc, measure: Measure, key: string): Y.Map<unknown> {
  const row = plan.measureRoot(measure).get(key)
  if (!row) throw new Error(`no ${measure} row ${key}`)
  return row
}

function onlyItem(update: Uint8Array): Y.Item {
  const items = Y.decodeUpdate(update).structs.filter((s) => s instanceof Y.Item)
  expect(items).toHaveLength(1)
  return items[0] as Y.Item
}

/** A server whose cell (demand, SKU, 3) already holds an overlay value written by a planner. */
function serverWithEditedCell(): PlanDoc {
  const server = serverPlan()
  const planner = connect(server)
  accept(
    server,
    edit(planner, () => planner.writeCell('demand', SKU, 3, 111)),
    'planner',
  )
  expect(server.readCell('demand', SKU, 3)).toBe(111)
  return server
}

function newItem(sku: string): Item {
  return {
    sku,
    name: 'Juice Mango 1 L',
    family: 'Juice',
    site: 'SH',
    unit: 'cs',
    openingStock: 100,
    safetyStock: 20,
    maxStock: 400,
    resource: RESOURCE,
  }
}

function addItem(plan: PlanDoc, item: Item): void {
  const map = new Y.Map<unknown>()
  for (const [field, value] of Object.entries(item)) if (field !== 'sku') map.set(field, value)
  plan.items.set(item.sku, map)
}

function addRow(plan: PlanDoc, measure: Measure, key: string, values?: number[]): void {
  const base = new Y.Array<number>()
  base.insert(0, values ?? new Array<number>(plan.periodCount).fill(0))
  const row = new Y.Map<unknown>()
  row.set('base', base)
  row.set('edits', new Y.Map<number>())
  plan.measureRoot(measure).set(key, row)
}

describe('checkUpdate: first writes of a cell', () => {
  it('sees a first write as a struct that names its parent map and key', () => {
    const server = serverPlan()
    const item = onlyItem(change(server, (c) => c.writeCell('demand', SKU, 2, 10)))
    expect(item.parent).toBeInstanceOf(Y.ID)
    expect(item.parentSub).toBe('2')
  })

  it.each<[Measure, string, Role, RejectionCode | 'accepted']>([
    ['demand', SKU, 'planner', 'accepted'],
    ['demand', SKU, 'sales', 'accepted'],
    ['demand', SKU, 'production', 'forbiddenRole'],
    ['demand', SKU, 'viewer', 'forbiddenRole'],
    ['supply', SKU, 'production', 'accepted'],
    ['supply', SKU, 'planner', 'accepted'],
    ['supply', SKU, 'sales', 'forbiddenRole'],
    ['supply', SKU, 'viewer', 'forbiddenRole'],
    ['capacity', RESOURCE, 'production', 'accepted'],
    ['capacity', RESOURCE, 'planner', 'accepted'],
    ['capacity', RESOURCE, 'sales', 'forbiddenRole'],
    ['capacity', RESOURCE, 'viewer', 'forbiddenRole'],
  ])('%s %s written by a %s: %s', (measure, key, role, expected) => {
    const server = serverPlan()
    const update = change(server, (c) => c.writeCell(measure, key, 2, 10))
    if (expected === 'accepted') {
      accept(server, update, role)
      expect(server.readCell(measure, key, 2)).toBe(10)
    } else {
      const found = reject(server, update, role, expected)
      expect(found.place).toMatchObject({ root: measure, key })
    }
  })

  it.each<[string, unknown, RejectionCode]>([
    ['NaN', Number.NaN, 'badValue'],
    ['Infinity', Number.POSITIVE_INFINITY, 'badValue'],
    ['a string', '12', 'badValue'],
    ['null', null, 'badValue'],
    ['a boolean', true, 'badValue'],
    ['a list', [1, 2], 'badValue'],
    ['a negative number', -1, 'outOfRange'],
    ['more than maxValue', 1e9 + 1, 'outOfRange'],
    ['a fraction in whole units', 2.5, 'outOfRange'],
  ])('rejects a first write of %s', (_label, value, code) => {
    const server = serverPlan()
    const update = change(server, (c) =>
      (rowOf(c, 'demand', SKU).edits as Y.Map<unknown>).set('4', value),
    )
    const found = reject(server, update, 'planner', code)
    expect(found.place).toEqual({ root: 'demand', key: SKU, period: 4 })
  })

  it('rejects a nested type written as a cell value', () => {
    const server = serverPlan()
    const update = change(server, (c) =>
      (rowOf(c, 'demand', SKU).edits as Y.Map<unknown>).set('4', new Y.Map()),
    )
    reject(server, update, 'planner', 'badValue')
  })

  it.each(['8', '-1', '03', '1e1', '1.0', 'x', ''])(
    'rejects the overlay key "%s" as outside the horizon',
    (key) => {
      const server = serverPlan()
      const update = change(server, (c) => rowOf(c, 'demand', SKU).edits.set(key, 5))
      reject(server, update, 'planner', 'badStructure')
    },
  )

  it('accepts the last period and rejects the first one past the horizon', () => {
    const server = serverPlan()
    accept(
      server,
      change(server, (c) => c.writeCell('demand', SKU, PERIODS - 1, 5)),
      'sales',
    )
    reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, PERIODS, 5)),
      'sales',
      'badStructure',
    )
  })
})

describe('checkUpdate: overwrites of an edited cell', () => {
  it('sees an overwrite as a struct with only an origin, no parent', () => {
    const server = serverWithEditedCell()
    const item = onlyItem(change(server, (c) => c.writeCell('demand', SKU, 3, 112)))
    expect(item.parent).toBeNull()
    expect(item.parentSub).toBeNull()
    expect(item.origin).not.toBeNull()
  })

  it('accepts an overwrite by sales and by a planner', () => {
    const server = serverWithEditedCell()
    accept(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 3, 120)),
      'sales',
    )
    accept(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 3, 130)),
      'planner',
    )
    expect(server.readCell('demand', SKU, 3)).toBe(130)
    expect(server.row('demand', SKU)?.edits.size).toBe(1)
  })

  it.each<Role>(['viewer', 'production'])('rejects an overwrite of demand by %s', (role) => {
    const server = serverWithEditedCell()
    const update = change(server, (c) => c.writeCell('demand', SKU, 3, 1))
    expect(onlyItem(update).parent).toBeNull()
    const found = reject(server, update, role, 'forbiddenRole')
    expect(found.place).toMatchObject({ root: 'demand', key: SKU })
  })

  it.each<[string, unknown, RejectionCode]>([
    ['NaN', Number.NaN, 'badValue'],
    ['Infinity', Number.POSITIVE_INFINITY, 'badValue'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'badValue'],
    ['a string', '120', 'badValue'],
    ['an object', { value: 1 }, 'badValue'],
    ['a negative number', -5, 'outOfRange'],
    ['a too large number', 5e9, 'outOfRange'],
    ['a fraction in whole units', 0.5, 'outOfRange'],
  ])('rejects an overwrite with %s', (_label, value, code) => {
    const server = serverWithEditedCell()
    const update = change(server, (c) =>
      (rowOf(c, 'demand', SKU).edits as Y.Map<unknown>).set('3', value),
    )
    expect(onlyItem(update).parent).toBeNull()
    const found = reject(server, update, 'sales', code)
    expect(found.place).toEqual({ root: 'demand', key: SKU, period: 3 })
  })

  it('checks the last of several writes to one cell in one transaction', () => {
    const server = serverWithEditedCell()
    const bad = change(server, (c) => {
      c.writeCell('demand', SKU, 3, 5)
      c.writeCell('demand', SKU, 3, -5)
    })
    reject(server, bad, 'sales', 'outOfRange')
    const good = change(server, (c) => {
      c.writeCell('demand', SKU, 5, 1)
      c.writeCell('demand', SKU, 5, 2)
      c.writeCell('demand', SKU, 5, 3)
    })
    accept(server, good, 'sales')
    expect(server.readCell('demand', SKU, 5)).toBe(3)
  })

  it('rejects an overwrite by a viewer after a chain of accepted overwrites', () => {
    const server = serverWithEditedCell()
    for (const value of [1, 2, 3]) {
      accept(
        server,
        change(server, (c) => c.writeCell('demand', SKU, 3, value)),
        'sales',
      )
    }
    reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 3, 4)),
      'viewer',
      'forbiddenRole',
    )
    expect(server.readCell('demand', SKU, 3)).toBe(3)
  })

  it('checks an overwrite of a value the same client wrote in an earlier update', () => {
    const server = serverPlan()
    const client = connect(server)
    accept(
      server,
      edit(client, () => client.writeCell('supply', SKU, 6, 10)),
      'production',
    )
    const update = edit(client, () => client.writeCell('supply', SKU, 6, -1))
    expect(onlyItem(update).parent).toBeNull()
    reject(server, update, 'production', 'outOfRange')
  })
})

describe('checkUpdate: frozen periods and approved plans', () => {
  function frozenServer(): PlanDoc {
    const server = serverWithEditedCell()
    server.meta.set('frozenThrough', 3)
    return server
  }

  it('rejects first writes, overwrites and reverts in a frozen period, naming the cell', () => {
    const server = frozenServer()
    const first = reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 1, 50)),
      'planner',
      'frozenPeriod',
    )
    expect(first.place).toEqual({ root: 'demand', key: SKU, period: 1 })
    expect(first.reason).toContain(`demand ${SKU}`)
    const overwrite = reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 3, 50)),
      'planner',
      'frozenPeriod',
    )
    expect(overwrite.place).toEqual({ root: 'demand', key: SKU, period: 3 })
    const revert = reject(
      server,
      change(server, (c) => rowOf(c, 'demand', SKU).edits.delete('3')),
      'planner',
      'frozenPeriod',
    )
    expect(revert.place).toEqual({ root: 'demand', key: SKU, period: 3 })
  })

  it('accepts the first period after the frozen ones', () => {
    const server = frozenServer()
    accept(
      server,
      change(server, (c) => c.writeCell('supply', SKU, 4, 50)),
      'production',
    )
    expect(server.readCell('supply', SKU, 4)).toBe(50)
  })

  it('rejects cell writes to an approved plan but lets a planner reopen it', () => {
    const server = serverWithEditedCell()
    server.meta.set('status', 'approved')
    const update = change(server, (c) => c.writeCell('demand', SKU, 5, 9))
    reject(server, update, 'sales', 'planApproved')
    reject(server, update, 'planner', 'planApproved')
    const revert = change(server, (c) => rowOf(c, 'demand', SKU).edits.delete('3'))
    reject(server, revert, 'planner', 'planApproved')
    reject(
      server,
      change(server, (c) => c.meta.set('name', 'Renamed')),
      'planner',
      'planApproved',
    )
    const reopen = change(server, (c) => c.meta.set('status', 'draft'))
    reject(server, reopen, 'sales', 'forbiddenRole')
    accept(server, reopen, 'planner')
    expect(server.readMeta().status).toBe('draft')
    accept(server, update, 'sales')
    expect(server.readCell('demand', SKU, 5)).toBe(9)
  })

  it('lets a planner approve a plan', () => {
    const server = serverPlan()
    reject(
      server,
      change(server, (c) => c.meta.set('status', 'published')),
      'planner',
      'badValue',
    )
    accept(
      server,
      change(server, (c) => c.meta.set('status', 'approved')),
      'planner',
    )
    reject(
      server,
      change(server, (c) => c.writeCell('supply', SKU, 7, 1)),
      'production',
      'planApproved',
    )
  })
})

describe('checkUpdate: precision', () => {
  function serverWithDecimals(decimals: number): PlanDoc {
    const server = serverPlan()
    server.meta.set('decimals', decimals)
    return server
  }

  it('allows as many decimal places as the plan sets, and no more', () => {
    const server = serverWithDecimals(2)
    for (const value of [1.25, 0.1, 0.07, 3]) {
      accept(
        server,
        change(server, (c) => c.writeCell('demand', SKU, 2, value)),
        'sales',
      )
      expect(server.readCell('demand', SKU, 2)).toBe(value)
    }
    for (const value of [1.255, 1.001, 0.333]) {
      reject(
        server,
        change(server, (c) => c.writeCell('demand', SKU, 2, value)),
        'sales',
        'outOfRange',
      )
    }
  })

  it('accepts large values with the allowed decimals despite floating-point error', () => {
    const server = serverWithDecimals(2)
    for (const value of [553994678.95, 682198694.44, 286028575.29, 999999999.99]) {
      accept(
        server,
        change(server, (c) => c.writeCell('demand', SKU, 2, value)),
        'sales',
      )
      expect(server.readCell('demand', SKU, 2)).toBe(value)
    }
    reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 2, 553994678.951)),
      'sales',
      'outOfRange',
    )
  })
})

describe('checkUpdate: layout', () => {
  it('rejects writes to a root that is not part of a plan', () => {
    const server = serverPlan()
    const found = reject(
      server,
      change(server, (c) => c.doc.getMap('evil').set('x', 1)),
      'planner',
      'unknownRoot',
    )
    expect(found.place.root).toBe('evil')
    reject(
      server,
      change(server, (c) => c.doc.getArray<number>('log').insert(0, [1])),
      'planner',
      'unknownRoot',
    )
  })

  it('rejects a known root used with the wrong shape', () => {
    const server = serverPlan()
    const evil = new Y.Doc()
    const updates: Uint8Array[] = []
    evil.on('update', (update: Uint8Array) => updates.push(update))
    evil.getArray<number>('demand').insert(0, [1])
    reject(server, updates[0], 'planner', 'badStructure')
  })

  it('rejects comments and flags until their layout is checked', () => {
    const server = serverPlan()
    reject(
      server,
      change(server, (c) => c.comments.set('t1', 'hello')),
      'viewer',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => c.flags.set('f1', 1)),
      'planner',
      'badStructure',
    )
  })

  it('rejects a value written directly into a measure root', () => {
    const server = serverPlan()
    const direct = (key: string) =>
      change(server, (c) => c.doc.getMap<unknown>('demand').set(key, 5))
    reject(server, direct(SKU), 'planner', 'badStructure')
    reject(server, direct('SKU-NEW'), 'planner', 'badStructure')
  })

  it('lets only a planner add a row, and only for an item or resource that exists', () => {
    const server = serverPlan()
    const ghost = change(server, (c) => addRow(c, 'demand', 'SKU-GHOST'))
    reject(server, ghost, 'planner', 'badStructure')
    reject(server, ghost, 'sales', 'forbiddenRole')
    reject(
      server,
      change(server, (c) => addRow(c, 'capacity', 'NO-LINE')),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => addRow(c, 'demand', 'bad key!')),
      'planner',
      'badStructure',
    )
  })

  it('rejects replacing an existing row, its base or its overlay, or adding parts to it', () => {
    const server = serverWithEditedCell()
    reject(
      server,
      change(server, (c) => addRow(c, 'demand', SKU)),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => rowMap(c, 'demand', SKU).set('edits', new Y.Map<number>())),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => {
        const base = new Y.Array<number>()
        base.insert(0, [1, 2, 3])
        rowMap(c, 'demand', SKU).set('base', base)
      }),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => rowMap(c, 'demand', SKU).set('note', 'hello')),
      'planner',
      'badStructure',
    )
  })

  it('rejects inserting into, deleting from or replacing an element of a base array', () => {
    const server = serverPlan()
    const base = (c: PlanDoc) => rowOf(c, 'demand', SKU).base
    reject(
      server,
      change(server, (c) => base(c).insert(0, [1])),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => base(c).insert(3, [1])),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => base(c).push([1])),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => base(c).delete(2, 1)),
      'planner',
      'forbiddenDeletion',
    )
    reject(
      server,
      change(server, (c) => {
        base(c).delete(2, 1)
        base(c).insert(2, [7])
      }),
      'planner',
      'badStructure',
    )
  })

  it('accepts a revert (an overlay deletion) from a writer of the measure only', () => {
    const server = serverWithEditedCell()
    const revert = change(server, (c) => rowOf(c, 'demand', SKU).edits.delete('3'))
    reject(server, revert, 'viewer', 'forbiddenRole')
    reject(server, revert, 'production', 'forbiddenRole')
    accept(server, revert, 'sales')
    expect(server.row('demand', SKU)?.edits.has('3')).toBe(false)
    expect(server.readCell('demand', SKU, 3)).toBe(server.row('demand', SKU)?.base.get(3))
  })

  it.each<[string, (c: PlanDoc) => void]>([
    ['a demand row', (c) => c.demand.delete(SKU)],
    ['a capacity row', (c) => c.capacity.delete(RESOURCE)],
    ['an item', (c) => c.items.delete(SKU)],
    ['an item field', (c) => c.items.get(SKU)?.delete('family')],
    ['a plan setting', (c) => c.meta.delete('name')],
    ['a row base', (c) => rowMap(c, 'supply', SKU).delete('base')],
    ['a row overlay', (c) => rowMap(c, 'supply', SKU).delete('edits')],
  ])('rejects deleting %s, even by a planner', (_label, write) => {
    const server = serverPlan()
    reject(server, change(server, write), 'planner', 'forbiddenDeletion')
  })
})

describe('checkUpdate: plan settings and items', () => {
  it.each<[string, unknown]>([
    ['periodCount', 52],
    ['firstPeriod', '2027-01-04'],
    ['periodKind', 'month'],
  ])('rejects changing the horizon field %s', (field, value) => {
    const server = serverPlan()
    const found = reject(
      server,
      change(server, (c) => c.meta.set(field, value)),
      'planner',
      'badStructure',
    )
    expect(found.place).toMatchObject({ root: 'meta', field })
  })

  it('lets a planner freeze periods within the horizon only', () => {
    const server = serverPlan()
    const freeze = (value: unknown) => change(server, (c) => c.meta.set('frozenThrough', value))
    reject(server, freeze(2), 'sales', 'forbiddenRole')
    reject(server, freeze(PERIODS), 'planner', 'outOfRange')
    reject(server, freeze(-2), 'planner', 'outOfRange')
    reject(server, freeze(1.5), 'planner', 'outOfRange')
    reject(server, freeze('2'), 'planner', 'badValue')
    accept(server, freeze(2), 'planner')
    expect(server.readMeta().frozenThrough).toBe(2)
    reject(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 2, 1)),
      'sales',
      'frozenPeriod',
    )
    accept(server, freeze(-1), 'planner')
    accept(
      server,
      change(server, (c) => c.writeCell('demand', SKU, 2, 1)),
      'sales',
    )
  })

  it('rejects unknown settings and badly typed ones', () => {
    const server = serverPlan()
    const set = (key: string, value: unknown) => change(server, (c) => c.meta.set(key, value))
    reject(server, set('owner', 'mallory'), 'planner', 'badStructure')
    reject(server, set('maxValue', -1), 'planner', 'outOfRange')
    reject(server, set('decimals', 0.5), 'planner', 'outOfRange')
    reject(server, set('name', 42), 'planner', 'badValue')
    reject(
      server,
      set('resources', [{ id: 'bad id!', name: 'x', site: 'x' }]),
      'planner',
      'badValue',
    )
    accept(server, set('name', 'Q1 plan'), 'planner')
    expect(server.readMeta().name).toBe('Q1 plan')
  })

  it('accepts a planner adding an item with its demand and supply rows in one transaction', () => {
    const server = serverPlan()
    const update = change(server, (c) => {
      addItem(c, newItem('SKU-NEW'))
      addRow(c, 'demand', 'SKU-NEW', [1, 2, 3, 4, 5, 6, 7, 8])
      addRow(c, 'supply', 'SKU-NEW')
    })
    reject(server, update, 'sales', 'forbiddenRole')
    reject(server, update, 'viewer', 'forbiddenRole')
    accept(server, update, 'planner')
    expect(server.readItem('SKU-NEW')).toEqual(newItem('SKU-NEW'))
    expect(server.readRow('demand', 'SKU-NEW')).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(server.listSkus()).toContain('SKU-NEW')

    accept(
      server,
      change(server, (c) => c.writeCell('demand', 'SKU-NEW', 0, 40)),
      'sales',
    )
    expect(server.readCell('demand', 'SKU-NEW', 0)).toBe(40)
  })

  it('rejects new rows whose base holds bad values', () => {
    const server = serverPlan()
    const withBase = (values: number[]) =>
      change(server, (c) => {
        addItem(c, newItem('SKU-NEW'))
        addRow(c, 'demand', 'SKU-NEW', values)
      })
    reject(server, withBase([1, -2, 3]), 'planner', 'badValue')
    reject(server, withBase([1, Number.NaN, 3]), 'planner', 'badValue')
    reject(server, withBase([2e9]), 'planner', 'badValue')
  })

  it('rejects replacing an item, bad SKU ids and badly typed item fields', () => {
    const server = serverPlan()
    const onItem = (write: (item: Y.Map<unknown>) => void) =>
      change(server, (c) => {
        const item = c.items.get(SKU)
        if (!item) throw new Error('no item')
        write(item)
      })
    reject(
      server,
      change(server, (c) => addItem(c, newItem(SKU))),
      'planner',
      'badStructure',
    )
    reject(
      server,
      change(server, (c) => addItem(c, newItem('bad id!'))),
      'planner',
      'badStructure',
    )
    reject(
      server,
      onItem((item) => item.set('openingStock', 'ten')),
      'planner',
      'badValue',
    )
    reject(
      server,
      onItem((item) => item.set('safetyStock', -1)),
      'planner',
      'outOfRange',
    )
    reject(
      server,
      onItem((item) => item.set('maxStock', Number.NaN)),
      'planner',
      'outOfRange',
    )
    reject(
      server,
      onItem((item) => item.set('colour', 'red')),
      'planner',
      'badStructure',
    )
    reject(
      server,
      onItem((item) => item.set('family', 'Dairy')),
      'sales',
      'forbiddenRole',
    )
    accept(
      server,
      onItem((item) => item.set('family', 'Dairy')),
      'planner',
    )
    expect(server.readItem(SKU)?.family).toBe('Dairy')
  })
})

describe('checkUpdate: transport-level attacks', () => {
  it('returns malformed for random bytes and truncated updates, and never throws', () => {
    const server = serverPlan()
    const random = seededRandom(99)
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: random.int(1, 80) }, () => random.int(0, 255))
      const result = check(server, bytes, 'planner')
      expect(result.ok ? 'accepted' : result.violation.code).toMatch(/^(malformed|badStructure)$/)
    }
    const update = change(server, (c) => {
      c.writeCell('demand', SKU, 3, 5)
      c.writeCell('supply', OTHER_SKU, 4, 6)
    })
    for (let length = 0; length < update.length; length++) {
      const result = check(server, update.slice(0, length), 'planner')
      expect(result.ok ? 'accepted' : result.violation.code).toMatch(/^(malformed|badStructure)$/)
    }
    accept(server, update, 'planner')
  })

  it('rejects an update that skips an earlier update of the same client', () => {
    const server = serverPlan()
    const client = connect(server)
    const first = edit(client, () => client.writeCell('demand', SKU, 1, 10))
    const second = edit(client, () => client.writeCell('demand', SKU, 2, 20))
    reject(server, second, 'planner', 'missingHistory')
    accept(server, first, 'planner')
    accept(server, second, 'planner')
  })

  it('rejects a merged update with a gap in one client’s history', () => {
    const server = serverPlan()
    const client = connect(server)
    const first = edit(client, () => client.writeCell('demand', SKU, 1, 10))
    const second = edit(client, () => client.writeCell('demand', SKU, 2, 20))
    const third = edit(client, () => client.writeCell('demand', SKU, 3, 30))
    reject(server, Y.mergeUpdates([first, third]), 'planner', 'missingHistory')
    accept(server, first, 'planner')
    reject(server, Y.mergeUpdates([first, third]), 'planner', 'missingHistory')
    accept(server, Y.mergeUpdates([second, third]), 'planner')
    expect(server.readRow('demand', SKU).slice(1, 4)).toEqual([10, 20, 30])
  })

  it('rejects an update that builds on content the server does not have', () => {
    const server = serverPlan()
    const elsewhere = serverPlan()
    reject(
      server,
      change(elsewhere, (c) => c.writeCell('demand', SKU, 1, 10)),
      'planner',
      'badStructure',
    )
  })

  it('rejects structs under a clientID the sender does not own', () => {
    const server = serverPlan()
    const client = connect(server)
    const update = edit(client, () => client.writeCell('demand', SKU, 1, 10))
    const own = client.doc.clientID
    reject(server, update, 'planner', 'foreignClient', { ownsClient: (id) => id !== own })
    accept(server, update, 'planner', { ownsClient: (id) => id === own })
  })

  it('does not ask who owns structs the server already has', () => {
    const server = serverPlan()
    const client = connect(server)
    client.writeCell('demand', SKU, 1, 10)
    const own = client.doc.clientID
    const asked = new Set<number>()
    accept(server, Y.encodeStateAsUpdate(client.doc), 'sales', {
      ownsClient: (id) => {
        asked.add(id)
        return id === own
      },
    })
    expect([...asked]).toEqual([own])
  })

  it('rejects the whole update when one of several cells is bad', () => {
    const server = serverPlan()
    const update = change(server, (c) => {
      c.writeCell('demand', SKU, 1, 10)
      c.writeCell('demand', OTHER_SKU, 2, Number.NaN)
      c.writeCell('demand', SKU, 5, 30)
    })
    const found = reject(server, update, 'sales', 'badValue')
    expect(found.place).toEqual({ root: 'demand', key: OTHER_SKU, period: 2 })
  })

  it('rejects a mix of an allowed and a forbidden measure', () => {
    const server = serverPlan()
    const update = change(server, (c) => {
      c.writeCell('demand', SKU, 1, 10)
      c.writeCell('supply', SKU, 1, 10)
    })
    reject(server, update, 'sales', 'forbiddenRole')
    reject(server, update, 'production', 'forbiddenRole')
    accept(server, update, 'planner')
  })

  it('rejects an honest cell edit bundled with a forbidden deletion', () => {
    const server = serverPlan()
    const update = change(server, (c) => {
      c.writeCell('demand', SKU, 1, 10)
      c.items.get(OTHER_SKU)?.delete('name')
    })
    reject(server, update, 'planner', 'forbiddenDeletion')
  })
})

describe('checkUpdate: updates that resend content the server already has', () => {
  it.each([true, false])('checks deletions of structs the update also carries (gc %s)', (gc) => {
    const server = serverWithEditedCell()
    const fullState = (write: (c: PlanDoc) => void) => {
      const client = connect(server, { gc })
      write(client)
      return Y.encodeStateAsUpdate(client.doc)
    }
    reject(
      server,
      fullState((c) => rowOf(c, 'demand', SKU).edits.delete('3')),
      'viewer',
      'forbiddenRole',
    )
    reject(
      server,
      fullState((c) => c.items.get(SKU)?.delete('name')),
      'planner',
      'forbiddenDeletion',
    )
    reject(
      server,
      fullState((c) => {
        c.demand.delete(SKU)
        c.items.delete(SKU)
      }),
      'planner',
      'forbiddenDeletion',
    )
  })

  it('does not take a resent base array for a new one, so it cannot be rewritten', () => {
    const server = serverPlan()
    const inserter = connect(server)
    rowOf(inserter, 'demand', SKU).base.insert(0, [5])
    reject(server, Y.encodeStateAsUpdate(inserter.doc), 'planner', 'badStructure')
    const pusher = connect(server)
    rowOf(pusher, 'supply', SKU).base.push([5])
    reject(server, Y.encodeStateAsUpdate(pusher.doc), 'planner', 'badStructure')
  })

  it('accepts a duplicate of an update it has already applied, with nothing new in it', () => {
    const server = serverWithEditedCell()
    const update = change(server, (c) => c.writeCell('demand', SKU, 3, 7))
    accept(server, update, 'sales')
    expect(check(server, update, 'sales')).toMatchObject({ ok: true, structs: 0 })
    expect(check(server, update, 'viewer')).toMatchObject({ ok: true, structs: 0 })
  })
})
