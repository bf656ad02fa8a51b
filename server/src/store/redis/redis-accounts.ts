import type { PlanRoleAssignment, PlanRoles, PlanSiteScopes } from '@tandem/shared'
import { isPlanRoleAssignment, isRole, readSiteScope } from '@tandem/shared'
import type { Accounts } from '../accounts.js'
import type { UserPatch, UserRecord } from '../user-record.js'
import { UserExistsError } from '../user-record.js'
import { compare } from './redis-codec.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import { moveRedisKey } from './move-redis-key.js'

/**
 * Accounts in Redis. Users live under the hash tag `{accounts}` (a hash per user, a string per
 * email, a set of ids, the settings hash), so creating and patching a user are each one Lua
 * script. Plan roles sit in the plan's `roles` hash, under the plan's tag.
 */
export class RedisAccounts implements Accounts {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  private get client() {
    return this.connection.client
  }

  async createUser(user: UserRecord): Promise<void> {
    const keys = this.keys.accounts
    const created = await this.client.createUserScript(
      [keys.users, keys.user(user.id), keys.email(user.email)],
      user.id,
      Object.entries(userFields(user)).flat(),
    )
    if (!created) throw new UserExistsError(user.email)
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const hash = await this.client.hGetAll(this.keys.accounts.user(id))
    return Object.keys(hash).length === 0 ? undefined : toUser(hash)
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const id = await this.client.get(this.keys.accounts.email(email))
    return id === null ? undefined : this.getUser(id)
  }

  async listUsers(): Promise<UserRecord[]> {
    const ids = await this.client.sMembers(this.keys.accounts.users)
    const users = await Promise.all(ids.map((id) => this.getUser(id)))
    return users
      .filter((user) => user !== undefined)
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.email, b.email))
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const reply = await this.client.updateUserScript(
      this.keys.accounts.user(id),
      Object.entries(patchFields(patch)).flat(),
    )
    if (reply === null) return undefined
    return toUser(Array.isArray(reply) ? pairsToHash(reply) : reply)
  }

  async setPlanRole(
    planId: string,
    userId: string,
    role: PlanRoleAssignment | null,
  ): Promise<void> {
    const key = this.keys.plan(planId).roles
    if (role === null) await this.client.hDel(key, userId)
    else await this.client.hSet(key, userId, role)
  }

  async setPlanSiteScope(planId: string, userId: string, sites: string[] | null): Promise<void> {
    const key = this.keys.plan(planId).scopes
    if (sites === null) await this.client.hDel(key, userId)
    else await this.client.hSet(key, userId, JSON.stringify(sites))
  }

  async getPlanSiteScopes(planId: string): Promise<PlanSiteScopes> {
    const hash = await this.client.hGetAll(this.keys.plan(planId).scopes)
    const scopes: PlanSiteScopes = {}
    for (const [userId, sites] of Object.entries(hash)) {
      const scope = readSiteScope(JSON.parse(sites))
      if (scope) scopes[userId] = scope
    }
    return scopes
  }

  async getPlanRoles(planId: string): Promise<PlanRoles> {
    const hash = await this.client.hGetAll(this.keys.plan(planId).roles)
    const roles: PlanRoles = {}
    for (const [userId, role] of Object.entries(hash))
      if (isPlanRoleAssignment(role)) roles[userId] = role
    return roles
  }

  async bumpSessionVersion(id: string): Promise<number | undefined> {
    const version = await this.client.bumpSessionVersionScript(this.keys.accounts.user(id))
    return version ?? undefined
  }

  async ensureSetting(key: string, value: string): Promise<string> {
    const settings = this.keys.accounts.settings
    await this.client.hSetNX(settings, key, value)
    return (await this.client.hGet(settings, key)) ?? value
  }

  /**
   * Moves users and settings written before account keys shared a hash tag to the current
   * keys, once: the old index goes last, so an interrupted move is finished by the next start.
   */
  async migrateLegacyKeys(): Promise<number> {
    const legacy = this.keys.legacyAccounts
    await moveRedisKey(this.connection, legacy.settings, this.keys.accounts.settings)
    const ids = await this.client.sMembers(legacy.users)
    for (const id of ids) {
      const hash = await this.client.hGetAll(legacy.user(id))
      if (Object.keys(hash).length > 0) {
        const user = toUser(hash)
        if (!(await this.getUser(id))) await this.createUser(user)
        await this.client.del([legacy.user(id), legacy.email(user.email)])
      }
    }
    if (ids.length > 0) await this.client.del(legacy.users)
    return ids.length
  }
}

function userFields(user: UserRecord): Record<string, string> {
  return {
    id: user.id,
    email: user.email,
    createdAt: user.createdAt,
    sessionVersion: String(user.sessionVersion),
    ...patchFields(user),
  }
}

function patchFields(patch: UserPatch): Record<string, string> {
  const fields: Record<string, string> = {}
  if (patch.name !== undefined) fields.name = patch.name
  if (patch.passwordHash !== undefined) fields.passwordHash = patch.passwordHash
  if (patch.isAdmin !== undefined) fields.isAdmin = patch.isAdmin ? '1' : '0'
  if (patch.defaultRole !== undefined) fields.defaultRole = patch.defaultRole ?? ''
  if (patch.disabled !== undefined) fields.disabled = patch.disabled ? '1' : '0'
  return fields
}

function pairsToHash(pairs: string[]): Record<string, string> {
  const hash: Record<string, string> = {}
  for (let i = 0; i + 1 < pairs.length; i += 2) hash[pairs[i]] = pairs[i + 1]
  return hash
}

function toUser(hash: Record<string, string>): UserRecord {
  return {
    id: hash.id,
    email: hash.email,
    name: hash.name,
    passwordHash: hash.passwordHash,
    isAdmin: hash.isAdmin === '1',
    defaultRole: isRole(hash.defaultRole) ? hash.defaultRole : null,
    disabled: hash.disabled === '1',
    createdAt: hash.createdAt,
    sessionVersion: Number(hash.sessionVersion ?? 0),
  }
}
