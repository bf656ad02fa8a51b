import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromoteAnswer, Scenario, ScenarioConflict } from '@tandem/shared'
import { conflictKey } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { promoteScenario, scenarioConflicts } from './scenarios-api.js'

type Choice = 'base' | 'scenario'

/**
 * Promotion: the cells changed in the plan since the branch are listed as conflicts, each kept
 * from the plan or taken from the scenario (one by one, or all at once); then one checked
 * transaction writes the rest. Refused cells are listed with their reason.
 */
export function PromoteForm(props: {
  scenario: Scenario
  format: Formatters
  onDone: (answer: PromoteAnswer) => void
  onError: (message: string) => void
}) {
  const { t } = useTranslation()
  const { scenario, format } = props
  const [found, setFound] = useState<{ conflicts: ScenarioConflict[]; changedCells: number }>()
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [answer, setAnswer] = useState<PromoteAnswer>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    scenarioConflicts(scenario.baseId, scenario.id).then(setFound, (error: Error) =>
      props.onError(error.message),
    )
  }, [scenario.baseId, scenario.id])
  if (answer)
    return (
      <div className="promote-result" data-testid="promote-result">
        <p>
          {t('scenarios.promote.done', {
            applied: answer.appliedCells,
            kept: answer.keptBase,
            took: answer.tookScenario,
          })}
        </p>
        {answer.refused.length > 0 && (
          <ul data-testid="promote-refused">
            {answer.refused.map((cell) => (
              <li key={conflictKey(cell)}>{cell.reason}</li>
            ))}
          </ul>
        )}
      </div>
    )
  if (!found) return <p className="muted">{t('scenarios.loading')}</p>
  const setAll = (choice: Choice) =>
    setChoices(Object.fromEntries(found.conflicts.map((c) => [conflictKey(c), choice])))
  const open = found.conflicts.filter((c) => !choices[conflictKey(c)]).length
  const promote = () => {
    setBusy(true)
    promoteScenario(scenario.baseId, scenario.id, { cells: choices }).then(
      (result) => {
        setAnswer(result)
        props.onDone(result)
      },
      (error: Error) => {
        setBusy(false)
        props.onError(error.message)
      },
    )
  }
  return (
    <div className="promote-form" data-testid="promote-form">
      <p>{t('scenarios.promote.changes', { count: found.changedCells })}</p>
      {found.conflicts.length > 0 && (
        <>
          <p>{t('scenarios.promote.conflicts', { count: found.conflicts.length })}</p>
          <div className="promote-all">
            <button
              type="button"
              className="button"
              data-testid="keep-base-all"
              onClick={() => setAll('base')}
            >
              {t('scenarios.promote.keepBaseAll')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="take-scenario-all"
              onClick={() => setAll('scenario')}
            >
              {t('scenarios.promote.takeScenarioAll')}
            </button>
          </div>
          <ul className="conflict-list" data-testid="conflict-list">
            {found.conflicts.map((conflict) => {
              const key = conflictKey(conflict)
              return (
                <li
                  key={key}
                  data-testid={`conflict-${conflict.measure}-${conflict.key}-${conflict.period}`}
                >
                  <span>
                    {t('scenarios.promote.conflict', {
                      measure: t(`measure.${conflict.measure}`),
                      key: conflict.key,
                      period: conflict.period + 1,
                      base: format.number(conflict.base),
                      scenario: format.number(conflict.scenario),
                    })}
                  </span>
                  {(['base', 'scenario'] as const).map((choice) => (
                    <label key={choice}>
                      <input
                        type="radio"
                        name={key}
                        data-testid={`choose-${choice}`}
                        checked={choices[key] === choice}
                        onChange={() => setChoices((previous) => ({ ...previous, [key]: choice }))}
                      />
                      {t(
                        choice === 'base'
                          ? 'scenarios.promote.keepBase'
                          : 'scenarios.promote.takeScenario',
                      )}
                    </label>
                  ))}
                </li>
              )
            })}
          </ul>
        </>
      )}
      <button
        type="button"
        className="button primary"
        data-testid="promote-confirm"
        disabled={busy || open > 0}
        onClick={promote}
      >
        {t('scenarios.promote.confirm')}
      </button>
    </div>
  )
}
