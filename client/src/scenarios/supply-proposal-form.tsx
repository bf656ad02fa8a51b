import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDoc, PlanMeta, PlanModel, ProposeSupplyAnswer } from '@tandem/shared'
import { proposeSupply } from './scenarios-api.js'

interface SupplyProposalFormProps {
  baseId: string
  model: PlanModel
  plan: PlanDoc
  meta: PlanMeta
  onProposed: (answer: ProposeSupplyAnswer) => void
  onError: (message: string) => void
}

/**
 * Runs the supply proposal ("close the gaps") into a new scenario, for a family, a site, both,
 * or every SKU. Sites are the plan's, and any a SKU names that the plan does not list.
 */
export function SupplyProposalForm(props: SupplyProposalFormProps) {
  const { t } = useTranslation()
  const { model, plan, meta } = props
  const [family, setFamily] = useState('')
  const [site, setSite] = useState('')
  const [busy, setBusy] = useState(false)
  const families = model.families().map((f) => f.family)
  const named = new Map(meta.sites.map((s) => [s.id, s.name]))
  plan.items.forEach((item) => {
    const id = item.get('site')
    if (typeof id === 'string' && id && !named.has(id)) named.set(id, id)
  })
  const sites = [...named].sort(([a], [b]) => a.localeCompare(b))
  const propose = () => {
    setBusy(true)
    proposeSupply(props.baseId, {
      ...(family ? { family } : {}),
      ...(site ? { site } : {}),
    }).then(
      (answer) => {
        setBusy(false)
        props.onProposed(answer)
      },
      (error: Error) => {
        setBusy(false)
        props.onError(error.message)
      },
    )
  }
  return (
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
      <select
        aria-label={t('scenarios.proposal.site')}
        value={site}
        onChange={(e) => setSite(e.target.value)}
        data-testid="proposal-site"
      >
        <option value="">{t('scenarios.proposal.allSites')}</option>
        {sites.map(([id, name]) => (
          <option key={id} value={id}>
            {name === id ? id : `${name} (${id})`}
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
  )
}
