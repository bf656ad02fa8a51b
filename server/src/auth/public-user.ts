import type { PublicUser } from '@tandem/shared'
import { ROLES } from '@tandem/shared'
import type { UserRecord } from '../store/user-record.js'

export function publicUser(user: UserRecord): PublicUser {
  const { id, email, name, isAdmin, defaultRole, disabled } = user
  return { id, email, name, isAdmin, defaultRole, disabled }
}

export const publicUserSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'isAdmin', 'defaultRole', 'disabled'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    isAdmin: { type: 'boolean' },
    defaultRole: { type: ['string', 'null'], enum: [...ROLES, null] },
    disabled: { type: 'boolean' },
  },
} as const

/** `{ user }`: the answer of sign-in, `GET /api/me` and the user routes. */
export const userAnswerSchema = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: { user: publicUserSchema },
} as const
