import type { Role } from '../rules/role.js'

/** A demo account the sign-in page offers in demo mode. */
export interface DemoAccount {
  email: string
  name: string
  role: Role
}

/**
 * What `GET /api/first-run` answers, in demo mode only (404 otherwise): the demo accounts and
 * their shared password, and, when the first admin got a generated password, that admin's email
 * (never the password, which was printed once in the server log).
 */
export interface FirstRunInfo {
  demo: { password: string; accounts: DemoAccount[] }
  generatedAdmin?: { email: string }
}
