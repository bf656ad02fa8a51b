import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanModel, Role, Scenario, ScenarioComparison } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { navigate } from '../navigation/navigation.js'
import { scenarioPath } from './scenario-path.js'
import type { Notify } from '../notices/use-notices.js'
import type { PlanLive, PlanSession } from '../sync/plan-session.js'
import { ComparisonSummary } from './comparison-summary.js'
import { PromoteForm } from './promote-form.js'
import { compareScenario, createScenario, discardScenario, proposeSupply } from './scenarios-api.js'
import type { BoardScenarios } from './use-scenarios.js'
import { WhatIfForm } from './what-if-form.js'

interface ScenariosPanelProps {
  scenarios: BoardScenarios
  role: Role
  userId: string
  model: PlanModel
  session: PlanSession
  live: PlanLive
  format: Formatters
  notify: Notify
  onClose: () => void
}

const open = (id: string) => navigate(scenarioPath(id))

/**
 * The scenarios side panel: create one (planners; production a supply one), run the supply
 * proposal into a new one, and for each scenario open, compare with the plan, promote or
 * discard it; inside a scenario, the what-if helpers.
 */
export function ScenariosPanel(props: ScenariosPanelProps) {
  const { t } = useTranslation()
  const { scenarios, role, format, notify } = props
  const { baseId, current } = scenarios
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [family, setFamily] = useState('')
  const [busy, setBusy] = useState(false)
  const [compared, setCompared] = useState<{ id: string; comparison: ScenarioComparison }>()
  const [promoting, setPromoting] = useState<Scenario>()
  const mayCreate = role === 'planner' || role === 'production'
  const fail = (error: Error) => {
    setBusy(false)
    notify(error.message, 'error')
  }
  const create = (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const scope = role === 'planner' ? 'all' : 'supply'
    createScenario(baseId, { name: name.trim(), description, scope }).then((scenario) => {
      setBusy(false)
      scenarios.refresh()
      open(scenario.id)
    }, fail)
  }
  const propose = () => {
    setBusy(true)
    proposeSupply(baseId, family ? { family } : {}).then((answer) => {
      setBusy(false)
      notify(
        t('scenarios.proposal.done', { cells: answer.changedCells, unmet: answer.unmetCount }),
        answer.unmetCount > 0 ? 'error' : 'info',
      )
      scenarios.refresh()
      open(answer.scenario.id)
    }, fail)
  }
  const compare = (scenario: Scenario) =>
    compareScenario(baseId, scenario.id).then(
      (comparison) => setCompared({ id: scenario.id, comparison }),
      fail,
    )
  const discard = (scenario: Scenario) =>
    discardScenario(baseId, scenario.id).then(() => {
      notify(t('scenarios.discarded', { name: scenario.name }), 'info')
      scenarios.refresh()
    }, fail)
  const mayPromote = (scenario: Scenario) =>
    role === 'planner' || (role === 'production' && scenario.scope === 'supply')
  const families = props.model.families().map((f) => f.family)
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
          <form className="scenario-create" onSubmit={create}>
            <h3>{t('scenarios.create')}</h3>
            <input
              required
              maxLength={200}
              placeholder={t('scenarios.name')}
              aria-label={t('scenarios.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="scenario-name"
            />
            <input
              maxLength={4000}
              placeholder={t('scenarios.description')}
              aria-label={t('scenarios.description')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy} data-testid="scenario-create">
              {role === 'planner' ? t('scenarios.createButton') : t('scenarios.createSupplyButton')}
            </button>
          </form>
          <div className="scenario-propose">
            <h3>{t('scenarios.proposal.title')}</h3>
            <select
              aria-label={t('scenarios.proposal.family')}
              value={family}
              onChange={(e) => setFamily(e.target.value)}
              data-testid="proposal-family"
            >
              <option value="">{t('scenarios.proposal.all')}</option>
              {families.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={propose}
              data-testid="propose-supply"
            >
              {t('scenarios.proposal.run')}
            </button>
          </div>
        </>
      )}
      <h3>{t('scenarios.list')}</h3>
      {scenarios.all.length === 0 && <p className="muted">{t('scenarios.none')}</p>}
      <ul className="scenario-list" data-testid="scenario-list">
        {scenarios.all.map((scenario) => (
          <li
            key={scenario.id}
            data-testid={`scenario-${scenario.id}`}
            className={scenario.id === current?.id ? 'current' : ''}
          >
            <strong>{scenario.name}</strong>{' '}
            <span className="muted">
              {t(`scenarios.scope.${scenario.scope}`)} · {t(`scenarios.status.${scenario.status}`)}
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
                onClick={() => void compare(scenario)}
                data-testid="scenario-compare"
              >
                {t('scenarios.compareButton')}
              </button>
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
            {compared?.id === scenario.id && (
              <ComparisonSummary comparison={compared.comparison} format={format} />
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
        ))}
      </ul>
    </aside>
  )
}
