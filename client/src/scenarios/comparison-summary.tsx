import { useTranslation } from 'react-i18next'
import type { ScenarioComparison } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'

/**
 * A comparison of the plan (from) with a scenario (to): cells changed, gap cells on each side and
 * those closed or opened, capacity periods over 100 % per resource, and money where priced.
 */
export function ComparisonSummary(props: { comparison: ScenarioComparison; format: Formatters }) {
  const { t } = useTranslation()
  const { comparison, format } = props
  const { gaps } = comparison
  return (
    <div className="scenario-comparison" data-testid="scenario-comparison">
      <p data-testid="compare-cells">
        {t('scenarios.compare.cells', { count: comparison.cells.length })}
      </p>
      <table className="scenario-compare-table">
        <thead>
          <tr>
            <th />
            <th>{t('scenarios.compare.plan')}</th>
            <th>{t('scenarios.compare.scenario')}</th>
          </tr>
        </thead>
        <tbody>
          {(['shortage', 'belowSafetyStock', 'excess', 'overCapacity'] as const).map((kind) => (
            <tr key={kind} data-testid={`compare-gaps-${kind}`}>
              <th>{t(`scenarios.compare.gap.${kind}`)}</th>
              <td>{format.number(gaps.from[kind])}</td>
              <td>{format.number(gaps.to[kind])}</td>
            </tr>
          ))}
          {comparison.capacity.map((load) => (
            <tr key={load.resource} data-testid={`compare-capacity-${load.resource}`}>
              <th>{t('scenarios.compare.overCapacity', { resource: load.resource })}</th>
              <td>{format.number(load.overFrom)}</td>
              <td>{format.number(load.overTo)}</td>
            </tr>
          ))}
          {comparison.money && (
            <>
              <tr>
                <th>{t('scenarios.compare.inventoryValue')}</th>
                <td>{format.number(comparison.money.from.inventoryValue)}</td>
                <td>{format.number(comparison.money.to.inventoryValue)}</td>
              </tr>
              <tr>
                <th>{t('scenarios.compare.revenueAtRisk')}</th>
                <td>{format.number(comparison.money.from.revenueAtRisk)}</td>
                <td>{format.number(comparison.money.to.revenueAtRisk)}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      <p className="muted" data-testid="compare-closed">
        {t('scenarios.compare.closedOpened', {
          closed: gaps.onlyFromCount,
          opened: gaps.onlyToCount,
        })}
      </p>
      {comparison.totals.length > 0 && (
        <ul className="scenario-totals">
          {comparison.totals.map((total) => (
            <li key={`${total.family}/${total.measure}`}>
              {t('scenarios.compare.total', {
                family: total.family,
                measure: t(`measure.${total.measure}`),
                from: format.number(total.from),
                to: format.number(total.to),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
