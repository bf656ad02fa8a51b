import { useTranslation } from 'react-i18next'
import type { PublicUser } from '@tandem/shared'
import { UserRow } from './user-row.js'

interface UsersTableProps {
  users: PublicUser[]
  onChanged: (user: PublicUser) => void
}

/** Every account, each editable in place. */
export function UsersTable({ users, onChanged }: UsersTableProps) {
  const { t } = useTranslation()
  return (
    <table className="plans admin-users" data-testid="users-table">
      <thead>
        <tr>
          <th>{t('admin.users.name')}</th>
          <th>{t('admin.users.email')}</th>
          <th>{t('admin.users.defaultRole')}</th>
          <th>{t('admin.users.admin')}</th>
          <th>{t('admin.users.status')}</th>
          <th>{t('admin.users.password')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  )
}
