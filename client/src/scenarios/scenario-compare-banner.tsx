import { useTranslation } from 'react-i18next'
import type { BoardScenarioComparison } from './use-scenario-comparison.js'

/**
 * Says that a scenario is being compared with the plan and how many cells changed (highlighted
 * in the grid when this board is the plan or the scenario), with the way to stop.
 */
export function ScenarioCompareBanner({ comparing }: { comparing: BoardScenarioComparison }) {
  const { t } = useTranslation()
  const { compared, overlay } = comparing
  if (!compared) return null
  const count = compared.comparison?.cells.length
  return (
    <div
      className="following-banner scenario-compare-banner"
      data-testid="scenario-compare-banner"
      data-count={count ?? ''}
      data-highlighted={overlay ? 'true' : 'false'}
    >
      {count === undefined
        ? t('scenarios.compare.comparing', { name: compared.scenario.name })
        : t(overlay ? 'scenarios.compare.highlighted' : 'scenarios.compare.elsewhere', {
            name: compared.scenario.name,
            count,
          })}{' '}
      <button type="button" className="link-button" onClick={comparing.stop}>
        {t('scenarios.compare.stop')}
      </button>
    </div>
  )
}
