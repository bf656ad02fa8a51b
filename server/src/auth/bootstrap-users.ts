import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import { hashPassword } from './password.js'

/**
 * The demo accounts, one per role and a production user scoped to the Hamburg site of the demo
 * plan, all with the password `demo-password`.
 */
export const DEMO_USERS: { email: string; name: string; role: Role; sites?: string[] }[] = [
  { email: 'planner@demo.tandem', name: 'Paula Planner', role: 'planner' },
  { email: 'sales@demo.tandem', name: 'Sam Sales', role: 'sales' },
  { email: 'production@demo.tandem', name: 'Pat Production', role: 'production' },
  { email: 'viewer@demo.tandem', name: 'Vic Viewer', role: 'viewer' },
  {
    email: 'production.hamburg@demo.tandem',
    name: 'Hanna Hamburg',
    role: 'production',
    sites: ['HAM'],
  },
]

/** Scopes the demo users that have sites to them in a plan (the demo plan, once created). */
export async function scopeDemoUsers(accounts: Accounts, planId: string): Promise<void> {
  for (const demo of DEMO_USERS) {
    if (!demo.sites) continue
    const user = await accounts.getUserByEmail(demo.email)
    if (user) await accounts.setPlanSiteScope(planId, user.id, demo.sites)
  }
}
export const DEMO_PASSWORD = 'demo-password'

/** The workspace setting that remembers which admin got a generated password (never the password). */
export const GENERATED_ADMIN_SETTING = 'generatedAdminEmail'

/** What first-run set-up did, so main.ts can tell the operator. */
export interface BootstrapResult {
  /** Set when an admin was created with a generated password, shown once. */
  generatedAdmin?: { email: string; password: string }
  demoUsersCreated: boolean
}

/**
 * First run: creates the admin from the configured email and password, or with a generated
 * one-time password; in demo mode also one user per role.
 */
export async function bootstrapUsers(
  accounts: Accounts,
  options: { adminEmail?: string; adminPassword?: string; demo: boolean },
): Promise<BootstrapResult> {
  const result: BootstrapResult = { demoUsersCreated: false }
  const users = await accounts.listUsers()
  if (!users.some((user) => user.isAdmin)) {
    const email = (options.adminEmail ?? 'admin@tandem.local').toLowerCase()
    const password = options.adminPassword ?? randomBytes(12).toString('base64url')
    if (!(await accounts.getUserByEmail(email))) {
      await accounts.createUser(
        await newUser(email, 'Administrator', password, { isAdmin: true, defaultRole: 'planner' }),
      )
      if (!options.adminPassword) {
        result.generatedAdmin = { email, password }
        await accounts.ensureSetting(GENERATED_ADMIN_SETTING, email)
      }
    }
  }
  if (options.demo) {
    for (const demo of DEMO_USERS) {
      if (await accounts.getUserByEmail(demo.email)) continue
      await accounts.createUser(
        await newUser(demo.email, demo.name, DEMO_PASSWORD, { defaultRole: demo.role }),
      )
      result.demoUsersCreated = true
    }
  }
  return result
}

async function newUser(
  email: string,
  name: string,
  password: string,
  options: { isAdmin?: boolean; defaultRole: Role },
): Promise<UserRecord> {
  return {
    id: randomUUID(),
    email,
    name,
    passwordHash: await hashPassword(password),
    isAdmin: options.isAdmin ?? false,
    defaultRole: options.defaultRole,
    disabled: false,
    createdAt: new Date().toISOString(),
    sessionVersion: 0,
  }
}
