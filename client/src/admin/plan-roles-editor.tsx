import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord, PlanRoleAssignment, PlanRoles } from '@tandem/shared'
import { listPlans } from '../api/plans-api.js'
import { getPlanRoles, setPlanRole } from './admin-api.js'
import { effectiveRoleText } from './effective-role-text.js'
import { FieldError } from './field-error.js'
import { fieldFailure } from './field-failure.js'
import type { PublicUser } from '@tandem/shared'
import { PlanRoleSelect } from './plan-role-select.js'

interface PlanRolesEditorProps {
  users: PublicUser[]
}

/**
 * Pick a plan; see each user's effective role in it; set the plan's own role, deny the plan
 * (no access, whatever the default), or clear the assignment so the default applies again.
 */
export function PlanRolesEditor({ users }: PlanRolesEditorProps) {
  const { t } = useTranslation()
  const [plans, setPlans] = useState<PlanRecord[]>()
  const [planId, setPlanId] = useState('')
  const [roles, setRoles] = useState<PlanRoles>()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [loadError, setLoadError] = useState<string>()
  useEffect(() => {
    listPlans().then(setPlans, (failure: unknown) => setLoadError(fieldFailure(t, failure).message))
  }, [t])
  useEffect(() => {
    setRoles(undefined)
    setErrors({})
    if (!planId) return
    let current = true
    getPlanRoles(planId).then(
      (next) => current && setRoles(next),
      (failure: unknown) => current && setLoadError(fieldFailure(t, failure).message),
    )
    return () => {
      current = false
    }
  }, [planId, t])
  const assign = (userId: string, role: PlanRoleAssignment | null) => {
    setErrors({})
    setPlanRole(planId, userId, role).then(setRoles, (failure: unknown) =>
      setErrors({ [userId]: fieldFailure(t, failure).message }),
    )
  }
  return (
    <section className="card" data-testid="plan-roles">
      <h2>{t('admin.planRoles.title')}</h2>
      <p className="muted">{t('admin.planRoles.intro')}</p>
      <label className="field">
        <span>{t('admin.planRoles.plan')}</span>
        <select
          value={planId}
          data-testid="plan-roles-plan"
          onChange={(event) => setPlanId(event.target.value)}
        >
          <option value="">{t('admin.planRoles.pickPlan')}</option>
          {plans?.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.name}
            </option>
          ))}
        </select>
      </label>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {plans && plans.length === 0 && <p className="muted">{t('landing.empty')}</p>}
      {roles && (
        <table className="plans" data-testid="plan-roles-table">
          <thead>
            <tr>
              <th>{t('admin.users.name')}</th>
              <th>{t('admin.users.email')}</th>
              <th>{t('admin.planRoles.effective')}</th>
              <th>{t('admin.planRoles.planRole')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid="plan-role-row" data-email={user.email}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td data-testid="effective-role">{effectiveRoleText(t, user, roles)}</td>
                <td>
                  <PlanRoleSelect
                    label={t('admin.planRoles.planRole')}
                    value={roles[user.id] ?? null}
                    onChange={(role) => assign(user.id, role)}
                  />
                  <FieldError message={errors[user.id]} testId="plan-role-error" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
