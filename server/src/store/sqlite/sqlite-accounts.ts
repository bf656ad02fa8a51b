import type Database from 'better-sqlite3'
import type { PlanRoleAssignment, PlanRoles, PlanSiteScopes, Role } from '@tandem/shared'
import { isPlanRoleAssignment, readSiteScope } from '@tandem/shared'
import type { Accounts } from '../accounts.js'
import type { UserPatch, UserRecord } from '../user-record.js'
import { UserExistsError } from '../user-record.js'

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string
  is_admin: number
  default_role: Role | null
  disabled: number
  created_at: string
  session_version: number
}

/** Users, plan roles and settings in SQLite; read-modify-writes run in one transaction. */
export class SqliteAccounts implements Accounts {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertUser: db.prepare(
        `INSERT INTO users (id, email, name, password_hash, is_admin, default_role, disabled, created_at, session_version)
         VALUES (@id, @email, @name, @passwordHash, @isAdmin, @defaultRole, @disabled, @createdAt, @sessionVersion)`,
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
      users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, email'),
      updateUser: db.prepare(
        `UPDATE users SET name = @name, password_hash = @passwordHash, is_admin = @isAdmin,
         default_role = @defaultRole, disabled = @disabled WHERE id = @id`,
      ),
      setRole: db.prepare<[string, string, string]>(
        'INSERT INTO plan_roles (plan_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (plan_id, user_id) DO UPDATE SET role = excluded.role',
      ),
      deleteRole: db.prepare<[string, string]>(
        'DELETE FROM plan_roles WHERE plan_id = ? AND user_id = ?',
      ),
      bumpSessionVersion: db.prepare<[string], { session_version: number }>(
        'UPDATE users SET session_version = session_version + 1 WHERE id = ? RETURNING session_version',
      ),
      roles: db.prepare<[string], { user_id: string; role: string }>(
        'SELECT user_id, role FROM plan_roles WHERE plan_id = ?',
      ),
      setScope: db.prepare<[string, string, string]>(
        'INSERT INTO plan_site_scopes (plan_id, user_id, sites) VALUES (?, ?, ?) ON CONFLICT (plan_id, user_id) DO UPDATE SET sites = excluded.sites',
      ),
      deleteScope: db.prepare<[string, string]>(
        'DELETE FROM plan_site_scopes WHERE plan_id = ? AND user_id = ?',
      ),
      scopes: db.prepare<[string], { user_id: string; sites: string }>(
        'SELECT user_id, sites FROM plan_site_scopes WHERE plan_id = ?',
      ),
      insertSetting: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)',
      ),
      setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    }
  }

  async createUser(user: UserRecord): Promise<void> {
    try {
      this.statements.insertUser.run(userParams(user))
    } catch (error) {
      if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT'))
        throw new UserExistsError(user.email)
      throw error
    }
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.statements.userById.get(id)
    return row && toUser(row)
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const row = this.statements.userByEmail.get(email)
    return row && toUser(row)
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.statements.users.all().map(toUser)
  }

  async updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    return this.db.transaction(() => {
      const row = this.statements.userById.get(id)
      if (!row) return undefined
      const user = { ...toUser(row), ...patch }
      this.statements.updateUser.run(userParams(user))
      return user
    })()
  }

  async setPlanRole(
    planId: string,
    userId: string,
    role: PlanRoleAssignment | null,
  ): Promise<void> {
    if (role === null) this.statements.deleteRole.run(planId, userId)
    else this.statements.setRole.run(planId, userId, role)
  }

  async getPlanRoles(planId: string): Promise<PlanRoles> {
    const roles: PlanRoles = {}
    for (const { user_id, role } of this.statements.roles.all(planId))
      if (isPlanRoleAssignment(role)) roles[user_id] = role
    return roles
  }

  async setPlanSiteScope(planId: string, userId: string, sites: string[] | null): Promise<void> {
    if (sites === null) this.statements.deleteScope.run(planId, userId)
    else this.statements.setScope.run(planId, userId, JSON.stringify(sites))
  }

  async getPlanSiteScopes(planId: string): Promise<PlanSiteScopes> {
    const scopes: PlanSiteScopes = {}
    for (const { user_id, sites } of this.statements.scopes.all(planId)) {
      const scope = readSiteScope(JSON.parse(sites))
      if (scope) scopes[user_id] = scope
    }
    return scopes
  }

  async bumpSessionVersion(id: string): Promise<number | undefined> {
    return this.statements.bumpSessionVersion.get(id)?.session_version
  }

  async ensureSetting(key: string, value: string): Promise<string> {
    this.statements.insertSetting.run(key, value)
    return this.statements.setting.get(key)?.value ?? value
  }
}

function userParams(user: UserRecord) {
  return { ...user, isAdmin: user.isAdmin ? 1 : 0, disabled: user.disabled ? 1 : 0 }
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    defaultRole: row.default_role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    sessionVersion: row.session_version,
  }
}
