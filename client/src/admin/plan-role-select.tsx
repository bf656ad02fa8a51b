import { useTranslation } from 'react-i18next'
import type { PlanRoleAssignment } from '@tandem/shared'
import { isPlanRoleAssignment, NO_PLAN_ACCESS, ROLES } from '@tandem/shared'

interface PlanRoleSelectProps {
  value: PlanRoleAssignment | null
  onChange: (assignment: PlanRoleAssignment | null) => void
  label: string
}

/**
 * A plan's own assignment for one user: the workspace default (no assignment), a role, or no
 * access, a deny that the default does not override.
 */
export function PlanRoleSelect({ value, onChange, label }: PlanRoleSelectProps) {
  const { t } = useTranslation()
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      data-testid="plan-role-select"
      onChange={(event) =>
        onChange(isPlanRoleAssignment(event.target.value) ? event.target.value : null)
      }
    >
      <option value="">{t('admin.planRoles.useDefault')}</option>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
      <option value={NO_PLAN_ACCESS}>{t('admin.planRoles.deny')}</option>
    </select>
  )
}
