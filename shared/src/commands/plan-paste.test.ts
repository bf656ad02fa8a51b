import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import type { Role } from '../rules/role.js'
import type { PastedCell, PasteTarget } from './plan-paste.js'
import { planPaste } from './plan-paste.js'

function setup(role: Role = 'planner', frozenThrough = -1) {
  const plan = createPlanDoc(demoPlan({ skuCount: 12, periodCount: 8, seed: 3 }))
  plan.doc.transact(() => plan.doc.getMap('meta').set('frozenThrough', frozenThrough))
  const families = plan.listFamilies()
  const context = {
    meta: plan.readMeta(),
    role,
    read: plan.readCell.bind(plan),
    skusOf: (family: string) => families.get(family) ?? [],
  }
  const [family, skus] = [...families][0]
  return { plan, context, family, skus }
}

const cell = (target: PasteTarget, text: string): PastedCell => ({
  target,
  text,
  value: text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text),
})

describe('planPaste', () => {
  it('writes SKU cells and skips computed rows inside the block, counting each reason', () => {
    const { context, skus } = setup()
    const sku = skus[0]
    const pasted = [
      cell({ kind: 'cell', measure: 'demand', key: sku, period: 2 }, '11'),
      cell({ kind: 'cell', measure: 'demand', key: sku, period: 3 }, '12'),
      cell({ kind: 'cell', measure: 'supply', key: sku, period: 2 }, '21'),
      cell({ kind: 'cell', measure: 'supply', key: sku, period: 3 }, '22'),
      cell({ kind: 'computed', family: false }, '31'),
      cell({ kind: 'computed', family: false }, '32'),
      cell({ kind: 'label' }, 'SKU name'),
    ]
    const plan = planPaste(pasted, context)
    expect(plan.edits).toEqual([
      { measure: 'demand', key: sku, period: 2, value: 11 },
      { measure: 'demand', key: sku, period: 3, value: 12 },
      { measure: 'supply', key: sku, period: 2, value: 21 },
      { measure: 'supply', key: sku, period: 3, value: 22 },
    ])
    expect(plan.changed).toBe(4)
    expect(plan.skipped).toEqual({ computed: 2 })
    expect(plan.spreads).toEqual([])
  })

  it('skips a family row inside a block that also covers SKU rows', () => {
    const { context, family, skus } = setup()
    const plan = planPaste(
      [
        cell({ kind: 'family', measure: 'demand', family, period: 1 }, '1401'),
        cell({ kind: 'cell', measure: 'demand', key: skus[0], period: 1 }, '7'),
      ],
      context,
    )
    expect(plan.edits).toEqual([{ measure: 'demand', key: skus[0], period: 1, value: 7 }])
    expect(plan.skipped).toEqual({ family: 1 })
  })

  it('spreads family values over their SKUs when the block covers family rows alone', () => {
    const { context, family, skus, plan: doc } = setup()
    const plan = planPaste(
      [
        cell({ kind: 'family', measure: 'demand', family, period: 1 }, '1401'),
        cell({ kind: 'computed', family: true }, '5'),
      ],
      context,
    )
    expect(plan.spreads).toEqual([{ family, total: 1401, count: skus.length }])
    expect(plan.skipped).toEqual({ computed: 1 })
    const total = plan.edits.reduce((sum, e) => sum + (e.value ?? 0), 0)
    const unchanged = skus
      .filter((sku) => !plan.edits.some((e) => e.key === sku))
      .reduce((sum, sku) => sum + doc.readCell('demand', sku, 1), 0)
    expect(total + unchanged).toBe(1401)
    expect(plan.changed).toBe(plan.edits.length)
  })

  it('skips frozen periods, forbidden measures, blanks, text and bad values, and names the first bad one', () => {
    const { context, skus } = setup('sales', 1)
    const sku = skus[0]
    const plan = planPaste(
      [
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 1 }, '5'),
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 2 }, '6'),
        cell({ kind: 'cell', measure: 'supply', key: sku, period: 2 }, '6'),
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 3 }, ''),
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 4 }, 'n/a'),
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 5 }, '-3'),
        cell({ kind: 'cell', measure: 'demand', key: sku, period: 6 }, '2.5'),
      ],
      context,
    )
    expect(plan.edits).toEqual([{ measure: 'demand', key: sku, period: 2, value: 6 }])
    expect(plan.skipped).toEqual({ frozen: 1, role: 1, blank: 1, notANumber: 1, badValue: 2 })
    expect(plan.firstBadValue?.text).toBe('-3')
    expect(plan.firstBadValue?.violation.code).toBe('outOfRange')
    expect(plan.firstBadValue?.violation.place).toEqual({ root: 'demand', key: sku, period: 5 })
  })

  it('counts values a cell already shows as unchanged, not as changed', () => {
    const { context, skus, plan: doc } = setup()
    const current = doc.readCell('demand', skus[0], 0)
    const plan = planPaste(
      [cell({ kind: 'cell', measure: 'demand', key: skus[0], period: 0 }, String(current))],
      context,
    )
    expect(plan.edits).toEqual([])
    expect(plan.changed).toBe(0)
    expect(plan.skipped).toEqual({ unchanged: 1 })
  })

  it('refuses nothing in an approved plan but skips every value as approved', () => {
    const { context, skus } = setup()
    const plan = planPaste(
      [cell({ kind: 'cell', measure: 'demand', key: skus[0], period: 0 }, '1')],
      { ...context, meta: { ...context.meta, status: 'approved' } },
    )
    expect(plan.edits).toEqual([])
    expect(plan.skipped).toEqual({ approved: 1 })
  })
})
