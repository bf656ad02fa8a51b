import type { Item } from './item.js'
import type { PlanInput } from './plan-input.js'
import type { PeriodKind, Resource } from './plan-meta.js'
import { DEFAULT_MAX_VALUE } from './plan-meta.js'
import type { Site } from './sites/site.js'
import type { Transfer } from './transfers/transfer.js'
import { seededRandom } from './seeded-random.js'
import { demoHistory } from './demo-history.js'

/** Size and seed of a generated plan. */
export interface DemoPlanOptions {
  name?: string
  skuCount?: number
  periodCount?: number
  periodKind?: PeriodKind
  /** First day of the first period, YYYY-MM-DD (a Monday for weeks, the 1st for months). */
  firstPeriod?: string
  seed?: number
  /** Add three years of actual demand history (`demoHistory`). */
  history?: boolean
  /** Add transfers: Shanghai to Hamburg by sea (4 periods), Shenzhen to Shanghai (1 period). */
  transfers?: boolean
}

const FAMILIES = [
  'Sparkling Water',
  'Juice',
  'Iced Tea',
  'Energy Drinks',
  'Dairy',
  'Snacks',
  'Cereal',
  'Frozen Meals',
]
const SIZES = ['250 ml', '330 ml', '500 ml', '1 L', '1.5 L', '6-pack', '12-pack', '24-pack']
const FLAVOURS = [
  'Original',
  'Lemon',
  'Peach',
  'Berry',
  'Mango',
  'Green',
  'Light',
  'Classic',
  'Ginger',
  'Citrus',
]
/** Three sites in two countries. */
export const DEMO_SITES: Site[] = [
  { id: 'SH', name: 'Shanghai', country: 'China' },
  { id: 'SZ', name: 'Shenzhen', country: 'China' },
  { id: 'HAM', name: 'Hamburg', country: 'Germany' },
]
const SITES = DEMO_SITES.map((s) => s.id)

/**
 * A realistic, seeded plan: families of SKUs at several sites, demand with trend, seasonality
 * and noise, a supply plan with deliberate shortages and excess, and capacity per resource.
 * The same options always give the same plan.
 */
export function demoPlan(options: DemoPlanOptions = {}): PlanInput {
  const skuCount = options.skuCount ?? 200
  const periodCount = options.periodCount ?? 26
  const periodKind = options.periodKind ?? 'week'
  const random = seededRandom(options.seed ?? 42)
  const periodsPerYear = periodKind === 'week' ? 52 : 12
  const familyCount = Math.min(400, Math.max(1, Math.ceil(skuCount / 25)))
  const familyNames = Array.from({ length: familyCount }, (_, i) =>
    i < FAMILIES.length
      ? FAMILIES[i]
      : `${FAMILIES[i % FAMILIES.length]} ${Math.floor(i / FAMILIES.length) + 1}`,
  )

  const resources: Resource[] = []
  for (const site of SITES)
    for (let line = 1; line <= 2; line++) {
      resources.push({ id: `${site}-L${line}`, name: `${site} line ${line}`, site })
    }

  const items: Item[] = []
  const demand: Record<string, number[]> = {}
  const supply: Record<string, number[]> = {}
  const supplyByResource = new Map<string, number[]>()

  for (let i = 0; i < skuCount; i++) {
    const family = familyNames[i % familyCount]
    const site = SITES[i % SITES.length]
    const resource = `${site}-L${1 + (Math.floor(i / SITES.length) % 2)}`
    const sku = `SKU-${String(i + 1).padStart(5, '0')}`
    const level = random.int(40, 400)
    const trend = (random.next() - 0.4) * 0.01
    const amplitude = 0.1 + random.next() * 0.3
    const phase = random.next() * Math.PI * 2
    const row = Array.from({ length: periodCount }, (_, t) => {
      const season = 1 + amplitude * Math.sin((2 * Math.PI * t) / periodsPerYear + phase)
      const noise = 1 + (random.next() - 0.5) * 0.2
      return Math.max(0, Math.round(level * (1 + trend * t) * season * noise))
    })
    const mean = row.reduce((a, b) => a + b, 0) / Math.max(1, periodCount)
    const safetyStock = Math.round(mean * (0.5 + random.next()))
    const openingStock = Math.round(safetyStock + mean * random.next() * 2)
    const profile = random.next()
    const supplyRow = row.map((d, t) => {
      if (profile < 0.15 && t >= periodCount / 3 && t < periodCount / 2) return Math.round(d * 0.4)
      if (profile > 0.9) return Math.round(d * 1.35)
      return Math.round(d * (0.95 + random.next() * 0.1))
    })
    items.push({
      sku,
      name: `${family} ${random.pick(FLAVOURS)} ${random.pick(SIZES)}`,
      family,
      site,
      unit: 'cs',
      openingStock,
      safetyStock,
      maxStock: Math.round(safetyStock * 3 + mean * 2),
      resource,
      ...demoMoney(i, familyCount),
    })
    demand[sku] = row
    supply[sku] = supplyRow
    const load = supplyByResource.get(resource) ?? new Array<number>(periodCount).fill(0)
    supplyRow.forEach((v, t) => (load[t] += v))
    supplyByResource.set(resource, load)
  }

  const capacity: Record<string, number[]> = {}
  for (const resource of resources) {
    const load = supplyByResource.get(resource.id) ?? new Array<number>(periodCount).fill(0)
    const peak = Math.max(1, ...load)
    const tight = random.next() < 0.35
    capacity[resource.id] = load.map((_, t) => {
      const base = Math.round(peak * (tight ? 0.92 : 1.15))
      const maintenance = t % 13 === 7 ? 0.8 : 1
      return Math.round(base * maintenance)
    })
  }

  const input: PlanInput = {
    meta: {
      name: options.name ?? 'Demo plan',
      periodKind,
      firstPeriod: options.firstPeriod ?? (periodKind === 'week' ? '2026-11-30' : '2026-12-01'),
      periodCount,
      frozenThrough: -1,
      status: 'draft',
      unit: 'cs',
      maxValue: DEFAULT_MAX_VALUE,
      decimals: 0,
      resources,
      sites: DEMO_SITES.map((s) => ({ ...s })),
    },
    items,
    demand,
    supply,
    capacity,
  }
  if (options.history) input.actuals = demoHistory(input, options.seed ?? 42)
  if (options.transfers) input.transfers = demoTransfers(input, familyCount)
  return input
}

/**
 * Where a demo transfer from SKU `from` goes: the next SKU of its family at the site two along
 * (sites cycle SH, SZ, HAM), so SH ships to HAM and SZ to SH. When the family count is a multiple
 * of three a family sits at one site, and the SKU two along (another family) is taken instead.
 */
function destinationOf(items: readonly Item[], from: number, familyCount: number) {
  if (from >= items.length) return undefined
  const site = SITES[(SITES.indexOf(items[from].site) + 2) % SITES.length]
  for (let to = from + familyCount; to < items.length; to += familyCount)
    if (items[to].site === site) return to
  return from + 2 < items.length && items[from + 2].site === site ? from + 2 : undefined
}

/**
 * Pairs of SKUs at two sites, one product at each where the family allows (`destinationOf`). Up to six pairs each of SH → HAM (lead time
 * 4) and SZ → SH (lead time 1), a third of the destination's mean demand each.
 */
function demoTransfers(input: PlanInput, familyCount: number): Record<string, Transfer> {
  const transfers: Record<string, Transfer> = {}
  const { periodCount } = input.meta
  const skus = input.items.map((item) => item.sku)
  const step = familyCount * SITES.length
  let n = 0
  for (const [offset, leadTime] of [
    [0, 4],
    [1, 1],
  ] as const) {
    for (let k = 0; k < 6; k++) {
      const from = offset + k * step
      const to = destinationOf(input.items, from, familyCount)
      if (to === undefined || periodCount < 3) break
      const demand = input.demand[skus[to]]
      const mean = demand.reduce((a, b) => a + b, 0) / demand.length
      const period = Math.min(periodCount - 1, 2 + k)
      transfers[`TR-${String(++n).padStart(3, '0')}`] = {
        fromSku: skus[from],
        toSku: skus[to],
        period,
        leadTime,
        quantity: Math.max(1, Math.round(mean / 3)),
      }
    }
  }
  return transfers
}

/**
 * A price per case from 6 to 40 and a unit cost of 55–70% of it, from the SKU's index alone, so
 * that adding money to the demo left every seeded number as it was.
 */
function demoMoney(index: number, familyCount: number): { price: number; unitCost: number } {
  const family = index % familyCount
  const price = 6 + ((family * 7 + Math.floor(index / familyCount) * 3) % 35)
  const margin = 0.55 + ((index * 5) % 16) / 100
  return { price, unitCost: Math.round(price * margin * 100) / 100 }
}
