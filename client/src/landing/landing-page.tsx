import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord } from '@tandem/shared'
import { listPlans } from '../api/plans-api.js'
import { ADMIN_PATH, navigate } from '../navigation/navigation.js'
import type { SessionUser } from '../auth/session-user.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { InboxButton } from '../inbox/inbox-button.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { useFormatters } from '../i18n/use-formatters.js'
import { BlankPlanForm } from './blank-plan-form.js'
import { CreatePlanForm } from './create-plan-form.js'
import { ImportPlanForm } from '../excel/import-plan-form.js'
import { ChangePasswordForm } from '../auth/change-password-form.js'

interface LandingPageProps {
  user: SessionUser
  onSignOut: () => void
}

/** The plans list, with forms that create or import a plan, and one that changes my password. */
export function LandingPage({ user, onSignOut }: LandingPageProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const [plans, setPlans] = useState<PlanRecord[]>()
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    listPlans().then(setPlans, (failure: Error) => setError(failure.message))
  }, [])
  useEffect(load, [load])
  const open = (plan: PlanRecord) => navigate(`/plans/${encodeURIComponent(plan.id)}`)
  return (
    <div className="page landing">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="muted tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        {user.isAdmin && (
          <a
            className="button"
            href={ADMIN_PATH}
            data-testid="admin-link"
            onClick={(event) => {
              event.preventDefault()
              navigate(ADMIN_PATH)
            }}
          >
            {t('admin.link')}
          </a>
        )}
        <InboxButton />
        <LanguageSwitch />
        <IdentityChip user={user} onSignOut={onSignOut} />
      </header>
      <main className="landing-main">
        <section className="card">
          <h1>{t('landing.plans')}</h1>
          {error && (
            <p className="error" role="alert">
              {t('landing.loadFailed', { message: error })}
            </p>
          )}
          {!plans && !error && <p className="muted">{t('landing.loading')}</p>}
          {plans && plans.length === 0 && <p className="muted">{t('landing.empty')}</p>}
          {plans && plans.length > 0 && (
            <table className="plans" data-testid="plans-table">
              <thead>
                <tr>
                  <th>{t('landing.columns.name')}</th>
                  <th>{t('landing.columns.horizon')}</th>
                  <th className="number">{t('landing.columns.skus')}</th>
                  <th>{t('landing.columns.created')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {plans.map((plan) => (
                  <tr key={plan.id} data-testid={`plan-${plan.id}`}>
                    <td>
                      <a
                        href={`/plans/${encodeURIComponent(plan.id)}`}
                        onClick={(event) => {
                          event.preventDefault()
                          open(plan)
                        }}
                      >
                        {plan.name}
                      </a>
                    </td>
                    <td>
                      {t(`landing.horizon_${plan.periodKind}`, {
                        count: plan.periodCount,
                        start: format.date(plan.firstPeriod),
                      })}
                    </td>
                    <td className="number">{format.number(plan.skuCount)}</td>
                    <td>{format.dateTime(plan.createdAt)}</td>
                    <td>
                      <button type="button" className="button" onClick={() => open(plan)}>
                        {t('landing.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <CreatePlanForm onCreated={open} />
        <BlankPlanForm onCreated={open} />
        <ImportPlanForm onCreated={open} />
        <ChangePasswordForm />
      </main>
    </div>
  )
}
