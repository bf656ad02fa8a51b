import type { Role } from '../rules/role.js'

/** Someone who may open a plan, with their role in it (`GET /api/plans/:id/members`). */
export interface PlanMember {
  id: string
  name: string
  email: string
  role: Role
}
