import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import { isValidId } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import type { UserNames } from './discussion-sheets.js'

/** Names of the users who wrote comments and own or raised flags, for an export's sheets. */
export async function planUserNames(accounts: Accounts, plan: PlanDoc): Promise<UserNames> {
  const ids = new Set<string>()
  plan.comments.forEach((thread) => {
    const messages = thread instanceof Y.Map ? thread.get('messages') : undefined
    if (messages instanceof Y.Map)
      messages.forEach((m) => m instanceof Y.Map && ids.add(String(m.get('author'))))
  })
  plan.flags.forEach((flag) => {
    if (!(flag instanceof Y.Map)) return
    ids.add(String(flag.get('owner')))
    ids.add(String(flag.get('createdBy')))
  })
  const names = new Map<string, string>()
  for (const id of ids) {
    const user = isValidId(id) ? await accounts.getUser(id) : undefined
    if (user) names.set(id, user.name)
  }
  return names
}
