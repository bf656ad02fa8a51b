import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import { ROLES } from '@tandem/shared'
import { personColour } from '../presence/person-colour.js'
import type { Identity } from './identity.js'

interface IdentityPickerProps {
  initial: Identity | undefined
  onPick: (identity: Identity) => void
  onCancel?: () => void
}

/** The first-visit dialog: a display name and a role, kept on this device. */
export function IdentityPicker({ initial, onPick, onCancel }: IdentityPickerProps) {
  const { t } = useTranslation()
  const [name, setName] = useState(initial?.name ?? '')
  const [role, setRole] = useState<Role>(initial?.role ?? 'sales')
  const [error, setError] = useState(false)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) {
      setError(true)
      return
    }
    onPick({ name: trimmed, role, colour: personColour(trimmed) })
  }
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="identity-title"
        data-testid="identity-picker"
        onSubmit={submit}
      >
        <h2 id="identity-title">{t('identity.title')}</h2>
        <p className="muted">{t('identity.intro')}</p>
        <label className="field">
          <span>{t('identity.name')}</span>
          <input
            autoFocus
            data-testid="identity-name"
            value={name}
            maxLength={40}
            placeholder={t('identity.namePlaceholder')}
            onChange={(event) => {
              setName(event.target.value)
              setError(false)
            }}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {t('identity.nameRequired')}
          </p>
        )}
        <fieldset className="roles">
          <legend>{t('identity.role')}</legend>
          {ROLES.map((option) => (
            <label key={option} className="role-option">
              <input
                type="radio"
                name="role"
                value={option}
                data-testid={`identity-role-${option}`}
                checked={role === option}
                onChange={() => setRole(option)}
              />
              <span>
                <strong>{t(`role.${option}`)}</strong>
                <span className="muted">{t(`role.${option}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          {onCancel && (
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('identity.cancel')}
            </button>
          )}
          <button type="submit" className="button primary" data-testid="identity-continue">
            {t('identity.continue')}
          </button>
        </div>
      </form>
    </div>
  )
}
