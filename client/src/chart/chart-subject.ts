import type { TFunction } from 'i18next'
import type { PlanMeta, PlanModel } from '@tandem/shared'
import type { BoardLayout } from '../plan-view/board-layout.js'
import { groupOfItem } from '../plan-view/board-layout.js'
import { groupName } from '../plan-view/group-name.js'
import type { ChartTarget } from './chart-target.js'

/** The SKUs a chart target sums, as far as the filters leave them in view, and its title. */
export interface ChartSubject {
  title: string
  skus: readonly string[]
}

/**
 * Resolves a chart target against the layout's filters: a family or group is summed over its
 * SKUs in view only, and a SKU the filters hide gives way to the total in view.
 */
export function chartSubject(
  target: ChartTarget | undefined,
  layout: Pick<BoardLayout, 'scope' | 'rollUps'>,
  model: PlanModel,
  meta: Pick<PlanMeta, 'sites' | 'resources'>,
  t: TFunction,
): ChartSubject {
  const { scope } = layout
  const inView = (sku: string) => !scope.scoped || scope.hasSku(sku)
  if (target?.kind === 'sku' && inView(target.sku)) {
    const item = model.sku(target.sku)?.item
    if (item)
      return { title: t('chart.title', { name: `${item.sku} · ${item.name}` }), skus: [item.sku] }
  }
  if (target?.kind === 'family') {
    const skus = (model.family(target.family)?.skus ?? []).filter(inView)
    if (skus.length > 0) return { title: t('chart.familyTitle', { name: target.family }), skus }
  }
  if (target?.kind === 'group') {
    const skus = layout.rollUps.allSkus().filter((sku) => {
      const item = model.sku(sku)?.item
      return item !== undefined && groupOfItem(item, target.by) === target.group
    })
    if (skus.length > 0)
      return {
        title: t('chart.title', { name: groupName({ meta, t }, target.by, target.group) }),
        skus,
      }
  }
  return {
    title: scope.scoped ? t('chart.totalInView') : t('chart.total'),
    skus: layout.rollUps.allSkus(),
  }
}
