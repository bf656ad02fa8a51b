import type { TFunction } from 'i18next'
import type { PlanMeta } from '@tandem/shared'
import type { Grouping } from './grouping.js'

/** A group's label: a family as named, a site or resource by name and id. */
export function groupName(
  view: { meta: Pick<PlanMeta, 'sites' | 'resources'>; t: TFunction },
  by: Grouping,
  group: string,
): string {
  if (by === 'family') return group
  if (group === '') return view.t(by === 'site' ? 'rowLabel.noSite' : 'rowLabel.noResource')
  const named = (by === 'site' ? view.meta.sites : view.meta.resources).find((g) => g.id === group)
  return named ? `${named.name} (${group})` : group
}
