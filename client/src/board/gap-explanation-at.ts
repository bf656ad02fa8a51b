import type { Item } from '@glideapps/glide-data-grid'
import type { GapExplanation } from '@tandem/shared'
import { explainCapacityGap, explainFamilyShortage, explainInventoryGap } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodAt } from '../plan-view/board-view.js'
import { totalsOf } from '../plan-view/totals-of.js'

/** Why the cell at a grid location is coloured, if it is: the numbers behind its gap. */
export function gapExplanationAt(
  view: BoardView,
  [col, rowIndex]: Item,
): GapExplanation | undefined {
  const row = view.layout.rows[rowIndex]
  const period = periodAt(view, col)
  if (!row || period === undefined) return undefined
  const { model } = view
  switch (row.kind) {
    case 'sku': {
      if (row.measure !== 'projected' && row.measure !== 'gap') return undefined
      const sku = model.sku(row.sku)
      return sku && explainInventoryGap(sku.projected, sku.item, period)
    }
    case 'family': {
      if (row.measure !== 'projected' && row.measure !== 'shortage') return undefined
      const family = model.family(row.family)
      const name = row.family || view.t('rowLabel.noFamily')
      return family && explainFamilyShortage(name, family.shortage, family.short, period)
    }
    case 'group': {
      if (row.measure !== 'projected' && row.measure !== 'shortage') return undefined
      const group = view.layout.rollUps.group(row.group)
      return group && explainFamilyShortage(row.group, group.shortage, group.short, period)
    }
    case 'total': {
      if (row.measure !== 'projected' && row.measure !== 'shortage') return undefined
      const totals = totalsOf(view)
      return explainFamilyShortage(view.t('rowLabel.total'), totals.shortage, totals.short, period)
    }
    case 'resource': {
      const resource = model.resource(row.resource)
      const name = view.meta.resources.find((r) => r.id === row.resource)?.name ?? row.resource
      return resource && explainCapacityGap(name, resource.required, resource.capacity, period)
    }
  }
}

/** A gap explained in the reader's words, with numbers and the period. */
export function gapExplanationText(view: BoardView, explanation: GapExplanation): string {
  const { t, format, meta } = view
  const period = format.period(meta.periodKind, meta.firstPeriod, explanation.period)
  const n = format.number
  switch (explanation.kind) {
    case 'shortage':
      return t('gap.explanation.shortage', {
        projected: n(explanation.projected),
        amount: n(explanation.amount),
        period,
      })
    case 'belowSafetyStock':
      return t('gap.explanation.belowSafetyStock', {
        projected: n(explanation.projected),
        safetyStock: n(explanation.safetyStock),
        amount: n(explanation.amount),
        period,
      })
    case 'excess':
      return t('gap.explanation.excess', {
        projected: n(explanation.projected),
        maxStock: n(explanation.maxStock),
        amount: n(explanation.amount),
        period,
      })
    case 'overCapacity':
      return t('gap.explanation.overCapacity', {
        resource: explanation.resource,
        load: format.percent(explanation.load),
        required: n(explanation.required),
        capacity: n(explanation.capacity),
        period,
      })
    case 'familyShortage':
      return t('gap.explanation.familyShortage', {
        family: explanation.family,
        count: explanation.short,
        shortage: n(explanation.shortage),
        period,
      })
  }
}
