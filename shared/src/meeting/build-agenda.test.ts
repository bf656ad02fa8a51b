import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { createFlag } from '../flags/gap-flag.js'
import { PlanModel } from '../plan-model.js'
import { agendaScore, buildAgenda } from './build-agenda.js'
import { keyFigures } from './key-figures.js'

function planWithGaps() {
  const plan = createPlanDoc(demoPlan({ skuCount: 12, periodCount: 12, seed: 7 }))
  plan.writeCell('demand', 'SKU-00002', 3, 50_000)
  // The demo plan prices its SKUs; these tests price only the ones they name.
  for (const sku of plan.listSkus()) {
    plan.items.get(sku)!.set('price', 0)
    plan.items.get(sku)!.set('unitCost', 0)
  }
  return { plan, model: new PlanModel(plan) }
}

describe('buildAgenda', () => {
  it('lists the gaps by severity × units at risk when no SKU has a price', () => {
    const { model, plan } = planWithGaps()
    const agenda = buildAgenda(plan, model)
    expect(agenda.length).toBe(Math.min(50, model.allGaps().length))
    const scores = agenda.map(agendaScore)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(agenda.every((item) => item.riskUnit === 'units')).toBe(true)
  })

  it('puts revenue at risk first where a SKU has a price, and a flag in place of its gap', () => {
    const { model, plan } = planWithGaps()
    const shortage = model.allGaps().find((gap) => gap.kind === 'shortage')!
    plan.items.get(shortage.key)!.set('price', 4)
    model.destroy()
    const priced = new PlanModel(plan)
    const [first] = buildAgenda(plan, priced)
    expect(first).toMatchObject({ source: 'gap', key: shortage.key, riskUnit: 'money' })
    expect(first!.risk).toBe(Math.abs(shortage.worst) * 4)
    createFlag(plan, {
      id: 'f-1',
      kind: 'shortage',
      severity: 'low',
      owner: 'u-1',
      dueDate: '',
      status: 'open',
      cells: [{ measure: 'projected', key: shortage.key, period: shortage.firstPeriod }],
      threadId: '',
      note: '',
      createdBy: 'u-1',
      createdAt: '2026-12-01T00:00:00Z',
    })
    const agenda = buildAgenda(plan, priced)
    expect(agenda.filter((item) => item.key === shortage.key && item.source === 'gap')).toEqual(
      agenda.filter(
        (item) => item.key === shortage.key && item.source === 'gap' && item.gapKind !== 'shortage',
      ),
    )
    expect(agenda.find((item) => item.flagId === 'f-1')).toMatchObject({
      severity: 'low',
      riskUnit: 'money',
      gapKind: 'shortage',
    })
    expect(keyFigures(plan, priced)).toMatchObject({ openFlags: 1, pricedSkus: 1 })
  })
})
