import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanMeta, PlanModel, ProposeSupplyAnswer, Role, Scenario } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { navigate } from '../navigation/navigation.js'
import { scenarioPath } from './scenario-path.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import { ComparisonSummary } from './comparison-summary.js'
import { PromoteForm } from './promote-form.js'
import { discardScenario } from './scenarios-api.js'
import { ScenarioCreateForm } from './scenario-create-form.js'
import { SupplyProposalForm } from './supply-proposal-form.js'
import type { BoardScenarioComparison } from './use-scenario-comparison.js'
import type { BoardScenarios } from './use-scenarios.js'
import { WhatIfForm } from './what-if-form.js'

interface ScenariosPanelProps {
  scenarios: BoardScenarios
  role: Role
  userId: string
  model: PlanModel
  session: PlanSession
  live: PlanLive
  meta: PlanMeta
  format: Formatters
  notify: Notify
  /** The comparison the board highlights; kept by the board, so it outlives the panel. */
  comparing: BoardScenarioComparison
  onClose: () => void
}

const open = (id: string) => navigate(scenarioPath(id))

/**
 * The scenarios side panel: create one from the live plan or a version (planners; production a
 * supply one), run the supply proposal into a new one, and for each scenario open, compare with
 * the plan (changed cells highlighted in the grid), promote or discard it; inside a scenario,
 * the what-if helpers.
 */
export function ScenariosPanel(props: ScenariosPanelProps) {
  const { t } = useTranslation()
  const { scenarios, role, format, notify, comparing } = props
  const { baseId, current } = scenarios
  const [promoting, setPromoting] = useState<Scenario>()
  const mayCreate = role === 'planner' || role === 'production'
  const fail = (message: string) => notify(message, 'error')
  const created = (scenario: Scenario) => {
    scenarios.refresh()
    open(scenario.id)
  }
  const proposed = (answer: ProposeSupplyAnswer) => {
    notify(
      t('scenarios.proposal.done', { cells: answer.changedCells, unmet: answer.unmetCount }),
      answer.unmetCount > 0 ? 'error' : 'info',
    )
    created(answer.scenario)
  }
  const comparedHere = (scenario: Scenario) =>
    comparing.compared?.scenario.id === scenario.id ? comparing.compared : undefined
  const discard = (scenario: Scenario) =>
    discardScenario(baseId, scenario.id).then(
      () => {
        notify(t('scenarios.discarded', { name: scenario.name }), 'info')
        scenarios.refresh()
      },
      (error: Error) => fail(error.message),
    )
  const mayPromote = (scenario: Scenario) =>
    role === 'planner' || (role === 'production' && scenario.scope === 'supply')
  return (
    <aside
      className="side-panel scenarios-panel"
      data-testid="scenarios-panel"
      aria-label={t('scenarios.title')}
    >
      <div className="side-panel-tabs">
        <h2>{t('scenarios.title')}</h2>
        <span className="spacer" />
        <button type="button" className="link-button" onClick={props.onClose}>
          {t('versions.close')}
        </button>
      </div>
      {current && (
        <p className="scenario-about">
          {t('scenarios.about', { name: current.name })}{' '}
          <button
            type="button"
            className="link-button"
            data-testid="back-to-plan"
            onClick={() => open(baseId)}
          >
            {t('scenarios.backToPlan')}
          </button>
        </p>
      )}
      {current?.status === 'active' && role !== 'viewer' && (
        <WhatIfForm
          session={props.session}
          live={props.live}
          model={props.model}
          onResult={(message, kind) => notify(message, kind)}
        />
      )}
      {mayCreate && (
        <>
          <ScenarioCreateForm
            baseId={baseId}
            role={role}
            format={format}
            onCreated={created}
            onError={fail}
          />
          <SupplyProposalForm
            baseId={baseId}
            model={props.model}
            plan={props.live.plan}
            meta={props.meta}
            onProposed={proposed}
            onError={fail}
          />
        </>
      )}
      <h3>{t('scenarios.list')}</h3>
      {scenarios.all.length === 0 && <p className="muted">{t('scenarios.none')}</p>}
      <ul className="scenario-list" data-testid="scenario-list">
        {scenarios.all.map((scenario) => {
          const here = comparedHere(scenario)
          return (
            <li
              key={scenario.id}
              data-testid={`scenario-${scenario.id}`}
              className={scenario.id === current?.id ? 'current' : ''}
            >
              <strong>{scenario.name}</strong>{' '}
              <span className="muted">
                {t(`scenarios.scope.${scenario.scope}`)} ·{' '}
                {t(`scenarios.status.${scenario.status}`)}
              </span>
              {scenario.description && <div className="muted">{scenario.description}</div>}
              <div className="scenario-actions">
                {scenario.id !== current?.id && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => open(scenario.id)}
                    data-testid="scenario-open"
                  >
                    {t('scenarios.open')}
                  </button>
                )}
                <button
                  type="button"
                  className="button"
                  onClick={() => comparing.start(scenario)}
                  data-testid="scenario-compare"
                >
                  {t('scenarios.compareButton')}
                </button>
                {here && (
                  <button
                    type="button"
                    className="button"
                    onClick={comparing.stop}
                    data-testid="scenario-compare-stop"
                  >
                    {t('scenarios.compare.stop')}
                  </button>
                )}
                {scenario.status === 'active' && mayPromote(scenario) && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setPromoting(scenario)}
                    data-testid="scenario-promote"
                  >
                    {t('scenarios.promote.button')}
                  </button>
                )}
                {scenario.status === 'active' &&
                  (role === 'planner' || scenario.owner === props.userId) && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => void discard(scenario)}
                      data-testid="scenario-discard"
                    >
                      {t('scenarios.discard')}
                    </button>
                  )}
              </div>
              {here?.failure && (
                <p className="error" role="alert">
                  {here.failure}
                </p>
              )}
              {here?.comparison && (
                <ComparisonSummary comparison={here.comparison} format={format} />
              )}
              {promoting?.id === scenario.id && (
                <PromoteForm
                  scenario={scenario}
                  format={format}
                  onDone={() => scenarios.refresh()}
                  onError={(message) => notify(message, 'error')}
                />
              )}
            </li>
          )
        })}
      </ul>
    </aside>
  )
}
