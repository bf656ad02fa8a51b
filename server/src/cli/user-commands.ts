import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@tandem/shared'
import { isRole, NO_PLAN_ACCESS, ROLES } from '@tandem/shared'
import { hashPassword } from '../auth/password.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import { UserExistsError } from '../store/user-record.js'
import { CliError } from './cli-error.js'
import type { CliOutput } from './cli-output.js'

/** The same bounds the REST API puts on a password. */
const PASSWORD_MIN = 8
const PASSWORD_MAX = 1024

export interface NewUserOptions {
  email?: string
  name?: string
  admin: boolean
  role?: string
  password?: string
}

/** `user create`: a new user, with a generated password (printed once) unless one is given. */
export async function createUserCommand(
  accounts: Accounts,
  options: NewUserOptions,
  out: CliOutput,
): Promise<void> {
  const email = checkEmail('--email', options.email)
  const name = options.name?.trim()
  if (!name) throw new CliError('--name', 'give the user a name, e.g. --name "Li Wei"')
  if (name.length > 100) throw new CliError('--name', 'a name may have at most 100 characters')
  const defaultRole = parseRole(options.role, options.admin)
  const password = options.password ?? generatedPassword()
  checkPassword(password)
  const user: UserRecord = {
    id: randomUUID(),
    email,
    name,
    passwordHash: await hashPassword(password),
    isAdmin: options.admin,
    defaultRole,
    disabled: false,
    createdAt: new Date().toISOString(),
    sessionVersion: 0,
  }
  try {
    await accounts.createUser(user)
  } catch (error) {
    if (error instanceof UserExistsError)
      throw new CliError('--email', `a user with email ${email} already exists`)
    throw error
  }
  const what = `${options.admin ? 'admin' : 'user'} ${email} (${defaultRole ?? 'no default role'})`
  out.print(`Created ${what}.`)
  if (options.password === undefined) out.print(`Password (shown once): ${password}`)
}

/**
 * `user reset-password`: a new password, generated unless given, and a bumped session version,
 * so every session and API token signed before is refused from the next request on (sockets
 * close at their server's next access recheck).
 */
export async function resetPasswordCommand(
  accounts: Accounts,
  rawEmail: string | undefined,
  given: string | undefined,
  out: CliOutput,
): Promise<void> {
  const user = await existingUser(accounts, rawEmail)
  const password = given ?? generatedPassword()
  checkPassword(password)
  await accounts.updateUser(user.id, { passwordHash: await hashPassword(password) })
  await accounts.bumpSessionVersion(user.id)
  out.print(`Reset the password of ${user.email}; their sessions and tokens are ended.`)
  if (given === undefined) out.print(`New password (shown once): ${password}`)
}

/** `user disable`: the user can no longer sign in, and their sessions and tokens end. */
export async function disableUserCommand(
  accounts: Accounts,
  rawEmail: string | undefined,
  out: CliOutput,
): Promise<void> {
  const user = await existingUser(accounts, rawEmail)
  await accounts.updateUser(user.id, { disabled: true })
  await accounts.bumpSessionVersion(user.id)
  out.print(`Disabled ${user.email}; their sessions and tokens are ended.`)
}

/** `users list`: one line per user, oldest first. */
export async function listUsersCommand(accounts: Accounts, out: CliOutput): Promise<void> {
  for (const user of await accounts.listUsers()) {
    const flags = [user.isAdmin ? 'admin' : '', user.disabled ? 'disabled' : ''].filter(Boolean)
    const role = user.defaultRole ?? NO_PLAN_ACCESS
    out.print([user.email, user.name, role, ...flags].join('\t'))
  }
}

async function existingUser(accounts: Accounts, raw: string | undefined): Promise<UserRecord> {
  const email = checkEmail('EMAIL', raw)
  const user = await accounts.getUserByEmail(email)
  if (!user) throw new CliError('EMAIL', `there is no user with email ${email}`)
  return user
}

function checkEmail(argument: string, raw: string | undefined): string {
  const email = raw?.trim().toLowerCase()
  if (!email) throw new CliError(argument, 'give the email address, e.g. ana@example.com')
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email))
    throw new CliError(argument, `"${raw}" is not an email address`)
  return email
}

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new CliError(
      '--password',
      `a password needs ${PASSWORD_MIN} to ${PASSWORD_MAX} characters (this one has ${password.length})`,
    )
}

/** The workspace default role; admins default to planner, as the first admin does. */
function parseRole(raw: string | undefined, admin: boolean): Role | null {
  if (raw === undefined) return admin ? 'planner' : null
  if (raw === NO_PLAN_ACCESS) return null
  if (isRole(raw)) return raw
  throw new CliError(
    '--role',
    `"${raw}" is not a role; use one of ${ROLES.join(', ')} or ${NO_PLAN_ACCESS}`,
  )
}

function generatedPassword(): string {
  return randomBytes(12).toString('base64url')
}
