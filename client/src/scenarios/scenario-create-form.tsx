import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanVersion, Role, Scenario } from '@tandem/shared'
import type { Formatters } from '../i18n/use-formatters.js'
import { listVersions } from '../versions/versions-api.js'
import { createScenario } from './scenarios-api.js'

interface ScenarioCreateFormProps {
  baseId: string
  role: Role
  format: Formatters
  onCreated: (scenario: Scenario) => void
  onError: (message: string) => void
}

/**
 * Creates a scenario (planners; production a supply one) from the live plan or from one of the
 * base's published versions, newest first.
 */
export function ScenarioCreateForm(props: ScenarioCreateFormProps) {
  const { t } = useTranslation()
  const { baseId, role, format } = props
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [from, setFrom] = useState('live')
  const [versions, setVersions] = useState<PlanVersion[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    let cancelled = false
    listVersions(baseId).then(
      (list) => !cancelled && setVersions(list),
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [baseId])
  const create = (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const scope = role === 'planner' ? 'all' : 'supply'
    createScenario(baseId, { name: name.trim(), description, scope, from }).then(
      (scenario) => {
        setBusy(false)
        props.onCreated(scenario)
      },
      (error: Error) => {
        setBusy(false)
        props.onError(error.message)
      },
    )
  }
  const newestFirst = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return (
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
      <label className="scenario-from">
        {t('scenarios.from')}
        <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="scenario-from">
          <option value="live">{t('scenarios.fromLive')}</option>
          {newestFirst.map((version) => (
            <option key={version.id} value={version.id}>
              {t('scenarios.fromVersion', {
                name: version.name,
                at: format.dateTime(version.createdAt),
              })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={busy} data-testid="scenario-create">
        {role === 'planner' ? t('scenarios.createButton') : t('scenarios.createSupplyButton')}
      </button>
    </form>
  )
}
