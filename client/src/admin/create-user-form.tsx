import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '@tandem/shared'
import { createUser } from './admin-api.js'
import { FieldError } from './field-error.js'
import { fieldFailure } from './field-failure.js'
import type { NewUser, PublicUser } from '@tandem/shared'
import { RoleSelect } from './role-select.js'

interface CreateUserFormProps {
  onCreated: (user: PublicUser) => void
}

type NewUserField = keyof NewUser | 'form'

const NEW_USER_FIELDS: readonly string[] = ['email', 'name', 'password', 'defaultRole', 'isAdmin']

const isNewUserField = (field: string | undefined): field is keyof NewUser =>
  field !== undefined && NEW_USER_FIELDS.includes(field)

const MIN_PASSWORD = 8

/** Creates an account with a first password, a workspace default role and the admin right. */
export function CreateUserForm({ onCreated }: CreateUserFormProps) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [defaultRole, setDefaultRole] = useState<Role | null>(null)
  const [isAdmin, setIsAdmin] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<NewUserField, string>>>({})
  const [busy, setBusy] = useState(false)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    if (password.length < MIN_PASSWORD) {
      setErrors({ password: t('admin.errors.passwordTooShort') })
      return
    }
    setBusy(true)
    setErrors({})
    createUser({ email: email.trim(), name: name.trim(), password, defaultRole, isAdmin }).then(
      (user) => {
        setBusy(false)
        setEmail('')
        setName('')
        setPassword('')
        setDefaultRole(null)
        setIsAdmin(false)
        onCreated(user)
      },
      (failure: unknown) => {
        setBusy(false)
        const { field, message } = fieldFailure(t, failure)
        setErrors({ [isNewUserField(field) ? field : 'form']: message })
      },
    )
  }
  return (
    <form className="card" onSubmit={submit} data-testid="create-user">
      <h2>{t('admin.create.title')}</h2>
      <label className="field">
        <span>{t('admin.users.email')}</span>
        <input
          type="email"
          required
          autoComplete="off"
          data-testid="new-user-email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <FieldError message={errors.email} testId="new-user-error-email" />
      </label>
      <label className="field">
        <span>{t('admin.users.name')}</span>
        <input
          required
          maxLength={100}
          data-testid="new-user-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <FieldError message={errors.name} testId="new-user-error-name" />
      </label>
      <label className="field">
        <span>{t('admin.create.password')}</span>
        <input
          type="password"
          required
          autoComplete="new-password"
          data-testid="new-user-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <FieldError message={errors.password} testId="new-user-error-password" />
      </label>
      <label className="field">
        <span>{t('admin.users.defaultRole')}</span>
        <RoleSelect
          label={t('admin.users.defaultRole')}
          value={defaultRole}
          noneLabel={t('admin.users.noDefault')}
          testId="new-user-default-role"
          onChange={setDefaultRole}
        />
        <FieldError message={errors.defaultRole} testId="new-user-error-defaultRole" />
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={isAdmin}
          data-testid="new-user-admin"
          onChange={(event) => setIsAdmin(event.target.checked)}
        />
        <span>{t('admin.create.isAdmin')}</span>
      </label>
      <FieldError message={errors.isAdmin ?? errors.form} testId="new-user-error-form" />
      <button
        type="submit"
        className="button primary"
        disabled={busy}
        data-testid="new-user-submit"
      >
        {t('admin.create.submit')}
      </button>
    </form>
  )
}
