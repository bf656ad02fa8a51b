import { useTranslation } from 'react-i18next'
import { navigate } from '../navigation/navigation.js'
import { scenarioPath } from './scenario-path.js'
import type { BoardScenarios } from './use-scenarios.js'

/**
 * The header's switch between the plan and its active scenarios, one click away; inside a
 * scenario it says so, with the scenario's name and status.
 */
export function ScenarioSwitcher({ scenarios }: { scenarios: BoardScenarios }) {
  const { t } = useTranslation()
  const { baseId, current, all } = scenarios
  const shown = all.filter((s) => s.status === 'active' || s.id === current?.id)
  if (!current && shown.length === 0) return null
  return (
    <span className="scenario-switcher">
      {current && (
        <span className="pill scenario-pill" data-testid="scenario-marker">
          {t('scenarios.inside', { name: current.name })}
          {current.status !== 'active' && ` · ${t(`scenarios.status.${current.status}`)}`}
        </span>
      )}
      <select
        aria-label={t('scenarios.switch')}
        data-testid="scenario-switcher"
        value={current?.id ?? baseId}
        onChange={(event) => navigate(scenarioPath(event.target.value))}
      >
        <option value={baseId}>{t('scenarios.thePlan')}</option>
        {shown.map((scenario) => (
          <option key={scenario.id} value={scenario.id}>
            {t('scenarios.option', { name: scenario.name })}
          </option>
        ))}
      </select>
    </span>
  )
}
