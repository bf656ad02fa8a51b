import type { TFunction } from 'i18next'
import type { PlanRoles, PublicUser } from '@tandem/shared'
import { NO_PLAN_ACCESS } from '@tandem/shared'

/**
 * A user's role in a plan as the server decides it: the plan's own assignment (a deny included),
 * else the workspace default, else planner for an admin; a disabled account has none.
 */
export function effectiveRoleText(t: TFunction, user: PublicUser, roles: PlanRoles): string {
  if (user.disabled) return t('admin.planRoles.disabled')
  const own = roles[user.id]
  if (own === NO_PLAN_ACCESS) return t('admin.planRoles.denied')
  if (own) return t(`role.${own}`)
  if (user.defaultRole)
    return t('admin.planRoles.byDefault', { role: t(`role.${user.defaultRole}`) })
  if (user.isAdmin) return t('admin.planRoles.byAdmin', { role: t('role.planner') })
  return t('admin.planRoles.noAccess')
}
