import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import type { SessionUser } from '../auth/session-user.js'
import { personColour } from './person-colour.js'

interface IdentityChipProps {
  user: SessionUser
  /** My role in the open plan, when a plan is open. */
  role?: Role
  /** My presence colour in the open plan; my own colour elsewhere. */
  colour?: string
  onSignOut: () => void
}

/** Who I am (and my role in this plan), with a button to sign out. */
export function IdentityChip({ user, role, colour, onSignOut }: IdentityChipProps) {
  const { t } = useTranslation()
  return (
    <span className="identity-chip" data-testid="identity-chip">
      <span className="dot" style={{ background: colour ?? personColour(user.id) }} />
      {role ? t('identity.you', { name: user.name, role: t(`role.${role}`) }) : user.name}
      <button type="button" className="link-button" onClick={onSignOut} data-testid="sign-out">
        {t('signIn.signOut')}
      </button>
    </span>
  )
}
