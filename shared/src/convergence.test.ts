import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import type { Item } from './item.js'
import { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'
import { MEASURES } from './roots.js'
import type { UpdateCheck } from './rules/check-update.js'
import { checkUpdate } from './rules/check-update.js'
import type { Role } from './rules/role.js'
import type { SeededRandom } from './seeded-random.js'
import { seededRandom } from './seeded-random.js'

const PERIODS = 6
const HOT_PERIOD = 2
const HOT_ROW: Record<Measure, string> = {
  demand: 'SKU-00001',
  supply: 'SKU-00001',
  capacity: 'SH-L1',
}
const IMPORTED = 'SKU-IMPORT'
const WRITABLE: Record<Role, readonly Measure[]> = {
  planner: MEASURES,
  sales: ['demand'],
  production: ['supply', 'capacity'],
  viewer: [],
}
const REMOTE = 'remote'

interface Delivery {
  update: Uint8Array
  duplicate: boolean
}

/** One simulated client: its document, what it has yet to receive and yet to send. */
interface Peer {
  role: Role
  plan: PlanDoc
  inbox: Delivery[]
  outbox: Uint8Array[]
}

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

function initialPlan(seed: number): PlanDoc {
  return createPlanDoc(demoPlan({ skuCount: 6, periodCount: PERIODS, seed }), docWithClient(1))
}

function makePeer(index: number, role: Role, state: Uint8Array): Peer {
  const doc = docWithClient(100 + index)
  Y.applyUpdate(doc, state, REMOTE)
  const peer: Peer = { role, plan: new PlanDoc(doc), inbox: [], outbox: [] }
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) peer.outbox.push(update)
  })
  return peer
}

function rowKeys(plan: PlanDoc, measure: Measure): string[] {
  return [...plan.measureRoot(measure).keys()].filter((key) => plan.row(measure, key)).sort()
}

/** One transaction of 1–3 honest cell edits, many of them to the same hot cell. */
function randomEdit(random: SeededRandom, peer: Peer): void {
  const measures = WRITABLE[peer.role]
  if (measures.length === 0) return
  peer.plan.doc.transact(() => {
    for (let n = random.int(1, 3); n > 0; n--) {
      const measure = random.pick(measures)
      const hot = random.next() < 0.5
      const key = hot ? HOT_ROW[measure] : random.pick(rowKeys(peer.plan, measure))
      const period = hot ? HOT_PERIOD : random.int(0, PERIODS - 1)
      const edits = peer.plan.row(measure, key)?.edits
      if (!edits) continue
      if (random.next() < 0.1) edits.delete(String(period))
      else edits.set(String(period), random.int(0, 1000))
    }
  })
}

/** A planner's import: a new item with its demand and supply rows, created once, in one transaction. */
function importSku(plan: PlanDoc): void {
  const item: Omit<Item, 'sku'> = {
    name: 'Imported',
    family: 'Juice',
    site: 'SH',
    unit: 'cs',
    openingStock: 10,
    safetyStock: 5,
    maxStock: 100,
    resource: 'SH-L1',
  }
  plan.doc.transact(() => {
    const map = new Y.Map<unknown>()
    for (const [field, value] of Object.entries(item)) map.set(field, value)
    plan.items.set(IMPORTED, map)
    for (const measure of ['demand', 'supply'] as const) {
      const base = new Y.Array<number>()
      base.insert(0, new Array<number>(PERIODS).fill(7))
      const row = new Y.Map<unknown>()
      row.set('base', base)
      row.set('edits', new Y.Map<number>())
      plan.measureRoot(measure).set(IMPORTED, row)
    }
  })
}

/** Delivers one queued update, in random order; one in seven is delivered again later. */
function deliverOne(random: SeededRandom, peers: Peer[]): boolean {
  const waiting = peers.filter((peer) => peer.inbox.length > 0)
  if (waiting.length === 0) return false
  const peer = random.pick(waiting)
  const [delivery] = peer.inbox.splice(random.int(0, peer.inbox.length - 1), 1)
  Y.applyUpdate(peer.plan.doc, delivery.update, REMOTE)
  if (!delivery.duplicate && random.next() < 1 / 7) {
    peer.inbox.push({ update: delivery.update, duplicate: true })
  }
  return true
}

function allRows(plan: PlanDoc): Record<string, number[]> {
  const rows: Record<string, number[]> = {}
  for (const measure of MEASURES) {
    for (const key of rowKeys(plan, measure)) rows[`${measure} ${key}`] = plan.readRow(measure, key)
  }
  return rows
}

/** How many live (not deleted) entries a map holds for one key. */
function liveEntries(map: Y.Map<unknown>, key: string): number {
  let count = 0
  for (let item = map._map.get(key) ?? null; item !== null; item = item.left) {
    if (!item.deleted) count++
  }
  return count
}

function expectConverged(plans: PlanDoc[]): void {
  const [first, ...rest] = plans
  const rows = allRows(first)
  for (const plan of plans) {
    expect(plan.doc.store.pendingStructs).toBeNull()
    expect(plan.doc.store.pendingDs).toBeNull()
    for (const measure of MEASURES) {
      const edits = plan.row(measure, HOT_ROW[measure])?.edits as Y.Map<unknown>
      expect(liveEntries(edits, String(HOT_PERIOD))).toBeLessThanOrEqual(1)
      expect(liveEntries(edits, String(HOT_PERIOD))).toBe(edits.has(String(HOT_PERIOD)) ? 1 : 0)
    }
  }
  for (const plan of rest) {
    expect(Y.encodeStateVector(plan.doc)).toEqual(Y.encodeStateVector(first.doc))
    expect(allRows(plan)).toEqual(rows)
    expect(plan.listSkus()).toEqual(first.listSkus())
  }
}

/** Peers that send every update straight to every other peer, delivered in random order. */
function runMesh(seed: number, steps: number): { peers: Peer[]; edits: number } {
  const random = seededRandom(seed)
  const state = Y.encodeStateAsUpdate(initialPlan(seed).doc)
  const roles: Role[] = ['planner', 'sales', 'production', 'planner', 'sales']
  const peers = roles.slice(0, random.int(3, 5)).map((role, i) => makePeer(i, role, state))
  const importAt = random.int(0, steps / 2)
  let edits = 0
  const broadcast = () => {
    for (const sender of peers) {
      for (const update of sender.outbox.splice(0)) {
        edits++
        for (const peer of peers) {
          if (peer !== sender) peer.inbox.push({ update, duplicate: false })
        }
      }
    }
  }
  for (let step = 0; step < steps; step++) {
    if (step === importAt) importSku(peers[0].plan)
    else if (random.next() < 0.5) randomEdit(random, random.pick(peers))
    else deliverOne(random, peers)
    broadcast()
  }
  while (deliverOne(random, peers));
  return { peers, edits }
}

/**
 * Peers behind a server, as in production: the server takes each peer's updates in the order
 * that peer sent them, interleaved at random, checks and applies each, and relays it to the
 * other peers, who receive relays in random order and sometimes twice.
 */
function runThroughServer(seed: number, steps: number) {
  const random = seededRandom(seed)
  const server = initialPlan(seed)
  const state = Y.encodeStateAsUpdate(server.doc)
  const roles: Role[] = ['planner']
  for (let n = random.int(2, 4); n > 0; n--)
    roles.push(random.pick(['planner', 'sales', 'production']))
  const peers = roles.map((role, i) => makePeer(i, role, state))
  const checks: { role: Role; result: UpdateCheck }[] = []
  server.doc.on('update', (update: Uint8Array, origin: unknown) => {
    for (const peer of peers) if (peer !== origin) peer.inbox.push({ update, duplicate: false })
  })
  const serveOne = (): boolean => {
    const sending = peers.filter((peer) => peer.outbox.length > 0)
    if (sending.length === 0) return false
    const peer = random.pick(sending)
    const update = peer.outbox.shift() as Uint8Array
    const own = peer.plan.doc.clientID
    const result = checkUpdate(server.doc, update, {
      role: peer.role,
      ownsClient: (client) => client === own,
    })
    checks.push({ role: peer.role, result })
    if (result.ok) Y.applyUpdate(server.doc, update, peer)
    return true
  }
  const importAt = random.int(0, steps / 2)
  for (let step = 0; step < steps; step++) {
    const roll = random.next()
    if (step === importAt) importSku(peers[0].plan)
    else if (roll < 0.4) randomEdit(random, random.pick(peers))
    else if (roll < 0.7) serveOne()
    else deliverOne(random, peers)
  }
  while (serveOne() || deliverOne(random, peers));
  return { server, peers, checks }
}

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1)

describe('convergence with random delivery between peers', () => {
  it.each(SEEDS)('seed %i: every peer ends with the same plan', (seed) => {
    const { peers, edits } = runMesh(seed, 200)
    expect(edits).toBeGreaterThan(40)
    expectConverged(peers.map((peer) => peer.plan))
    const imported = peers[0].plan.readRow('demand', IMPORTED)
    expect(imported).toHaveLength(PERIODS)
    expect(peers.every((peer) => peer.plan.listSkus().includes(IMPORTED))).toBe(true)
  })

  it('edits of an imported row made at once by others converge', () => {
    const state = Y.encodeStateAsUpdate(initialPlan(7).doc)
    const [planner, sales, production] = (['planner', 'sales', 'production'] as const).map(
      (role, i) => makePeer(i, role, state),
    )
    importSku(planner.plan)
    const imported = planner.outbox.splice(0)
    for (const peer of [sales, production])
      for (const u of imported) Y.applyUpdate(peer.plan.doc, u, REMOTE)
    sales.plan.writeCell('demand', IMPORTED, 0, 11)
    production.plan.writeCell('supply', IMPORTED, 0, 22)
    planner.plan.writeCell('demand', IMPORTED, 0, 33)
    const peers = [planner, sales, production]
    for (const sender of peers) {
      for (const update of sender.outbox.splice(0)) {
        for (const peer of peers) if (peer !== sender) Y.applyUpdate(peer.plan.doc, update, REMOTE)
      }
    }
    expectConverged(peers.map((peer) => peer.plan))
    expect([11, 33]).toContain(planner.plan.readCell('demand', IMPORTED, 0))
    expect(sales.plan.readCell('supply', IMPORTED, 0)).toBe(22)
  })
})

describe('two people setting the same cell at once', () => {
  it.each([
    ['an unedited cell', false],
    ['an edited cell', true],
  ])('end with one value everywhere for %s, accepted by the server', (_label, edited) => {
    const server = initialPlan(3)
    const key = HOT_ROW.demand
    if (edited) server.writeCell('demand', key, HOT_PERIOD, 1)
    const state = Y.encodeStateAsUpdate(server.doc)
    const alice = makePeer(0, 'planner', state)
    const bob = makePeer(1, 'sales', state)
    alice.plan.writeCell('demand', key, HOT_PERIOD, 500)
    bob.plan.writeCell('demand', key, HOT_PERIOD, 600)
    const [fromAlice] = alice.outbox
    const [fromBob] = bob.outbox
    for (const [peer, update] of [
      [alice, fromAlice],
      [bob, fromBob],
    ] as const) {
      expect(checkUpdate(server.doc, update, { role: peer.role })).toMatchObject({ ok: true })
      Y.applyUpdate(server.doc, update)
    }
    Y.applyUpdate(alice.plan.doc, fromBob, REMOTE)
    Y.applyUpdate(bob.plan.doc, fromAlice, REMOTE)
    const plans = [server, alice.plan, bob.plan]
    expectConverged(plans)
    const value = server.readCell('demand', key, HOT_PERIOD)
    expect([500, 600]).toContain(value)
    for (const plan of plans) {
      const edits = plan.row('demand', key)?.edits as Y.Map<unknown>
      expect(edits.toJSON()).toEqual({ [String(HOT_PERIOD)]: value })
      expect(liveEntries(edits, String(HOT_PERIOD))).toBe(1)
    }
  })
})

describe('convergence through a checking server', () => {
  it.each(SEEDS)('seed %i: the server accepts every honest edit and all converge', (seed) => {
    const { server, peers, checks } = runThroughServer(seed, 200)
    expect(checks.length).toBeGreaterThan(30)
    const rejected = checks.filter(({ result }) => !result.ok)
    expect(rejected).toEqual([])
    expectConverged([server, ...peers.map((peer) => peer.plan)])
    expect(server.listSkus()).toContain(IMPORTED)
  })
})
