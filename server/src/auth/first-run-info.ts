import type { FirstRunInfo } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import { DEMO_PASSWORD, DEMO_USERS, GENERATED_ADMIN_SETTING } from './bootstrap-users.js'

/**
 * What the sign-in page may show in demo mode: the demo accounts and, if the first admin's
 * password was generated, that admin's email. Undefined outside demo mode.
 */
export async function firstRunInfo(
  accounts: Accounts,
  demo: boolean,
): Promise<FirstRunInfo | undefined> {
  if (!demo) return undefined
  const info: FirstRunInfo = {
    demo: {
      password: DEMO_PASSWORD,
      accounts: DEMO_USERS.map(({ email, name, role }) => ({ email, name, role })),
    },
  }
  // ensureSetting with '' reads the setting; '' means no password was generated.
  const email = await accounts.ensureSetting(GENERATED_ADMIN_SETTING, '')
  if (email) info.generatedAdmin = { email }
  return info
}
