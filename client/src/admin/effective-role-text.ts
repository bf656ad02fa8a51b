import type { TFunction } from 'i18next'
import type { PlanRoles } from './admin-api.js'
import type { PublicUser } from '@tandem/shared'

/**
 * A user's role in a plan as the server decides it: the plan's own assignment, else the
 * workspace default, else planner for an admin; a disabled account has none.
 */
export function effectiveRoleText(t: TFunction, user: PublicUser, roles: PlanRoles): string {
  if (user.disabled) return t('admin.planRoles.disabled')
  const own = roles[user.id]
  if (own) return t(`role.${own}`)
  if (user.defaultRole)
    return t('admin.planRoles.byDefault', { role: t(`role.${user.defaultRole}`) })
  if (user.isAdmin) return t('admin.planRoles.byAdmin', { role: t('role.planner') })
  return t('admin.planRoles.noAccess')
}
