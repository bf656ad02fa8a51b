import { useTranslation } from 'react-i18next'
import type { Identity } from './identity.js'

/** Who I am, with a button to change it. */
export function IdentityChip({ identity, onChange }: { identity: Identity; onChange: () => void }) {
  const { t } = useTranslation()
  return (
    <span className="identity-chip" data-testid="identity-chip">
      <span className="dot" style={{ background: identity.colour }} />
      {t('identity.you', { name: identity.name, role: t(`role.${identity.role}`) })}
      <button type="button" className="link-button" onClick={onChange}>
        {t('identity.change')}
      </button>
    </span>
  )
}
