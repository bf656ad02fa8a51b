import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDoc, PlanMeta } from '@tandem/shared'
import { readFlags } from '@tandem/shared'
import type { RowOptions } from '../plan-view/row-options.js'
import { GROUPINGS } from '../plan-view/grouping.js'
import { SCOPE_FILTERS } from '../plan-view/row-options.js'
import { ownerChoices } from '../plan-view/owner-choices.js'
import type { PlanMember } from '../api/plans-api.js'

interface RowFiltersProps {
  plan: PlanDoc
  meta: PlanMeta
  options: RowOptions
  onOptions: (options: RowOptions) => void
  /** A user's name, for the owner filter. */
  nameOf: (userId: string) => string
  /** The plan's members, whom the owner filter lists with their roles. */
  members: readonly PlanMember[]
}

/**
 * What the rows are grouped by, and the site, family and owner filters, in a drop-down that says
 * what is chosen ("Site · 1 filter") so that the toolbar stays one line shorter.
 */
export function RowFilters({ plan, meta, options, onOptions, nameOf, members }: RowFiltersProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const families = [...plan.listFamilies().keys()]
  const owners = ownerChoices(readFlags(plan), members, options.owner)
  const choose = (filter: 'site' | 'family' | 'owner', value: string) => {
    const next: RowOptions = { ...options }
    if (value === '') delete next[filter]
    else next[filter] = value
    onOptions(next)
  }
  const filter = (
    name: 'site' | 'family' | 'owner',
    choices: { value: string; label: string }[],
  ) => (
    <label className="toggle">
      {t(`view.filter.${name}`)}
      <select
        data-testid={`filter-${name}`}
        value={options[name] ?? ''}
        onChange={(event) => choose(name, event.target.value)}
      >
        <option value="">{t('view.filter.all')}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
  const active = SCOPE_FILTERS.filter((name) => options[name] !== undefined).length
  const summary =
    options.groupBy === 'family' && active === 0
      ? t('view.filters')
      : t('view.filtersActive', { grouping: t(`view.groupings.${options.groupBy}`), count: active })
  return (
    <details
      className="row-filters"
      data-testid="row-filters"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="button" data-testid="row-filters-button" aria-pressed={active > 0}>
        {summary}
      </summary>
      <div className="row-filters-menu">
        <label className="toggle">
          {t('view.groupBy')}
          <select
            data-testid="group-by"
            value={options.groupBy}
            onChange={(event) =>
              onOptions({ ...options, groupBy: event.target.value as RowOptions['groupBy'] })
            }
          >
            {GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {t(`view.groupings.${grouping}`)}
              </option>
            ))}
          </select>
        </label>
        {meta.sites.length > 0 &&
          filter(
            'site',
            meta.sites.map((site) => ({ value: site.id, label: `${site.name} (${site.id})` })),
          )}
        {filter(
          'family',
          families.map((family) => ({ value: family, label: family })),
        )}
        {filter(
          'owner',
          owners.map((owner) => ({
            value: owner.id,
            label: t('view.ownerChoice', {
              name: nameOf(owner.id) || owner.id,
              role: owner.role ? t(`role.${owner.role}`) : t('view.formerMember'),
              count: owner.openFlags,
            }),
          })),
        )}
      </div>
    </details>
  )
}
