import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HomeLink } from '../navigation/home-link.js'
import type { SessionUser } from '../auth/session-user.js'
import { IdentityChip } from '../identity/identity-chip.js'
import { InboxButton } from '../inbox/inbox-button.js'
import { LanguageSwitch } from '../i18n/language-switch.js'
import { listUsers } from './admin-api.js'
import { CreateUserForm } from './create-user-form.js'
import { fieldFailure } from './field-failure.js'
import type { PublicUser } from '@tandem/shared'
import { PlanRolesEditor } from './plan-roles-editor.js'
import { UsersTable } from './users-table.js'

interface AdminPageProps {
  user: SessionUser
  onSignOut: () => void
}

/** Users, their workspace roles and each plan's own roles; for admins only. */
export function AdminPage({ user, onSignOut }: AdminPageProps) {
  const { t } = useTranslation()
  return (
    <div className="page admin">
      <header className="topbar">
        <HomeLink className="brand">{t('app.name')}</HomeLink>
        <span className="muted tagline">{t('admin.title')}</span>
        <span className="spacer" />
        <InboxButton />
        <LanguageSwitch />
        <IdentityChip user={user} onSignOut={onSignOut} />
      </header>
      {user.isAdmin ? (
        <AdminConsole />
      ) : (
        <p className="page-message error" role="alert" data-testid="admins-only">
          {t('admin.adminsOnly')}
        </p>
      )}
    </div>
  )
}

function AdminConsole() {
  const { t } = useTranslation()
  const [users, setUsers] = useState<PublicUser[]>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    listUsers().then(setUsers, (failure: unknown) => setError(fieldFailure(t, failure).message))
  }, [t])
  const replace = (changed: PublicUser) =>
    setUsers((list) => list?.map((user) => (user.id === changed.id ? changed : user)))
  const add = (created: PublicUser) => setUsers((list) => [...(list ?? []), created])
  return (
    <main className="admin-main">
      <section className="card admin-users-card">
        <h1>{t('admin.users.title')}</h1>
        {error && (
          <p className="error" role="alert" data-testid="admin-error">
            {error}
          </p>
        )}
        {!users && !error && <p className="muted">{t('admin.loading')}</p>}
        {users && <UsersTable users={users} onChanged={replace} />}
      </section>
      <CreateUserForm onCreated={add} />
      {users && <PlanRolesEditor users={users} />}
    </main>
  )
}
