import type { RoomRegistry } from '../rooms/room-registry.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import { planRole } from './plan-access.js'

/**
 * Ends every session and API token of a user by bumping their session version, and closes
 * their sockets on this instance with 4401 (other instances sharing the store close theirs at
 * their next access recheck). Returns the user with the new version.
 */
export async function endSessions(
  accounts: Accounts,
  rooms: RoomRegistry,
  userId: string,
): Promise<UserRecord | undefined> {
  const version = await accounts.bumpSessionVersion(userId)
  const user = await accounts.getUser(userId)
  if (version === undefined || !user) return undefined
  await rooms.recheckUser(userId, (planId) => planRole(accounts, user, planId), version)
  return user
}
