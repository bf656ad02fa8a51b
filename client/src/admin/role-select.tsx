import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import { isRole, ROLES } from '@tandem/shared'

interface RoleSelectProps {
  value: Role | null
  /** What choosing no role means here, e.g. "no default" or "use the default". */
  noneLabel: string
  onChange: (role: Role | null) => void
  disabled?: boolean
  testId: string
  label: string
}

/** A role, or none. */
export function RoleSelect({
  value,
  noneLabel,
  onChange,
  disabled,
  testId,
  label,
}: RoleSelectProps) {
  const { t } = useTranslation()
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      disabled={disabled}
      data-testid={testId}
      onChange={(event) => onChange(isRole(event.target.value) ? event.target.value : null)}
    >
      <option value="">{noneLabel}</option>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  )
}
