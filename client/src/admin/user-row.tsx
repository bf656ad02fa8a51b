import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateUser } from './admin-api.js'
import { FieldError } from './field-error.js'
import { fieldFailure } from './field-failure.js'
import type { PublicUser, UserChange } from '@tandem/shared'
import { RoleSelect } from './role-select.js'

interface UserRowProps {
  user: PublicUser
  onChanged: (user: PublicUser) => void
}

type UserField = keyof UserChange

const MIN_PASSWORD = 8

/** One user in the admin's table: each change is saved on its own, its error shown beside it. */
export function UserRow({ user, onChanged }: UserRowProps) {
  const { t } = useTranslation()
  const [name, setName] = useState(user.name)
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Partial<Record<UserField, string>>>({})
  const [saved, setSaved] = useState<UserField>()
  const [busy, setBusy] = useState(false)
  const save = (change: UserChange) => {
    const changed = Object.keys(change) as UserField[]
    setBusy(true)
    setSaved(undefined)
    setErrors({})
    updateUser(user.id, change).then(
      (next) => {
        setBusy(false)
        setSaved(changed[0])
        if (change.password !== undefined) setPassword('')
        onChanged(next)
      },
      (failure: unknown) => {
        setBusy(false)
        const { field, message } = fieldFailure(t, failure)
        // The server names one field; a refusal of another change is shown beside that change.
        const at = changed.find((key) => key === field) ?? changed[0]
        setErrors({ [at]: message })
      },
    )
  }
  const resetPassword = () => {
    if (password.length < MIN_PASSWORD) {
      setErrors({ password: t('admin.errors.passwordTooShort') })
      return
    }
    save({ password })
  }
  const cell = (field: UserField) => (
    <FieldError message={errors[field]} testId={`error-${field}`} />
  )
  return (
    <tr data-testid="user-row" data-email={user.email} data-disabled={user.disabled}>
      <td>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (name.trim() !== user.name) save({ name: name.trim() })
          }}
        >
          <input
            aria-label={t('admin.users.name')}
            value={name}
            required
            maxLength={100}
            data-testid="user-name"
            onChange={(event) => setName(event.target.value)}
          />
          {name.trim() !== user.name && (
            <button type="submit" className="button" disabled={busy}>
              {t('admin.save')}
            </button>
          )}
        </form>
        {cell('name')}
      </td>
      <td>{user.email}</td>
      <td>
        <RoleSelect
          label={t('admin.users.defaultRole')}
          value={user.defaultRole}
          noneLabel={t('admin.users.noDefault')}
          disabled={busy}
          testId="user-default-role"
          onChange={(defaultRole) => save({ defaultRole })}
        />
        {cell('defaultRole')}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={t('admin.users.admin')}
          checked={user.isAdmin}
          disabled={busy}
          data-testid="user-admin"
          onChange={(event) => save({ isAdmin: event.target.checked })}
        />
        {cell('isAdmin')}
      </td>
      <td>
        <span className={user.disabled ? 'error' : 'muted'} data-testid="user-status">
          {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
        </span>{' '}
        <button
          type="button"
          className="button"
          disabled={busy}
          data-testid="user-toggle-disabled"
          onClick={() => save({ disabled: !user.disabled })}
        >
          {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
        </button>
        {cell('disabled')}
      </td>
      <td>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault()
            resetPassword()
          }}
        >
          <input
            type="password"
            autoComplete="new-password"
            aria-label={t('admin.users.newPassword')}
            placeholder={t('admin.users.newPassword')}
            value={password}
            data-testid="user-password"
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" className="button" disabled={busy || password === ''}>
            {t('admin.users.resetPassword')}
          </button>
        </form>
        {cell('password')}
        {saved === 'password' && (
          <span className="muted field-note" data-testid="password-saved">
            {t('admin.users.passwordSaved')}
          </span>
        )}
      </td>
    </tr>
  )
}
